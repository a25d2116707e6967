using Hangfire;
using LeveragedTokens.Dashboard.Web.Staff;
using LeveragedTokens.Staff.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LeveragedTokens.Dashboard.Web;

public static class StaffEndpoints
{
    /// <summary>Sign-in/out, the staff APIs and the Hangfire dashboard (admin only).</summary>
    public static WebApplication MapStaffEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/staff/account").DisableRateLimiting();
        account.MapPost("/login", LoginAsync).AllowAnonymous();
        account.MapPost("/logout", async (SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        });

        var api = app.MapGroup("/api/staff");
        api.MapStaffAlertApi().RequireAuthorization(StaffWebExtensions.RiskPolicy);
        api.MapStaffThresholdApi().RequireAuthorization(StaffWebExtensions.RiskPolicy);
        api.MapStaffUserApi().RequireAuthorization(StaffWebExtensions.AdminPolicy);

        app.MapHangfireDashboardWithAuthorizationPolicy(StaffWebExtensions.AdminPolicy, "/hangfire", new Hangfire.DashboardOptions
        {
            DisplayStorageConnectionString = false,
            DashboardTitle = "Leveraged tokens jobs",
            AppPath = "/",
        });
        return app;
    }

    private static async Task<IResult> LoginAsync([FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
        SignInManager<StaffUser> signIn)
    {
        var back = IsLocal(returnUrl) ? returnUrl! : "/staff/alerts";
        var result = await signIn.PasswordSignInAsync(email.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return Results.LocalRedirect(back);
        var error = result.IsLockedOut ? "locked" : "invalid";
        return Results.LocalRedirect($"{StaffWebExtensions.LoginPath}?error={error}&returnUrl={Uri.EscapeDataString(back)}");
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\");
}
