using LeveragedTokens.Dashboard.Web.Live;
using LeveragedTokens.Dashboard.Web.Staff;
using LeveragedTokens.Hosting;
using LeveragedTokens.Staff;
using LeveragedTokens.Staff.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace LeveragedTokens.Dashboard.Web;

/// <summary>
/// Sign-in for staff (Identity cookies), the role policies, the alerts domain, a Hangfire client
/// for the dashboard and for "evaluate now", and the live alert feed.
/// </summary>
public static class StaffWebExtensions
{
    public const string RiskPolicy = "staff-risk";
    public const string AdminPolicy = "staff-admin";
    public const string LoginPath = "/staff/login";

    public static WebApplicationBuilder AddStaffWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddStaffIdentityCore();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "lt_staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = LoginPath;
            o.AccessDeniedPath = "/staff/denied";
            // APIs answer 401/403; pages redirect.
            o.Events.OnRedirectToLogin = ctx => Answer(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Answer(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(RiskPolicy, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Risk))
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Admin));
        services.AddCascadingAuthenticationState();

        builder.AddDashboardJobStorage();
        services.AddSingleton<StaffAlertHub>();
        services.AddHostedService<StaffStartup>();
        services.AddSingleton<ListenedChannel, StaffAlertsChannel>();
        return builder;
    }

    /// <summary>Authentication and authorization; must run after routing (inside UseDashboardWeb).</summary>
    public static IApplicationBuilder UseStaffSignIn(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetService<IAuthenticationSchemeProvider>() is null) return app;
        return app.UseAuthentication().UseAuthorization();
    }

    private static Task Answer(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/hangfire")
            || ctx.Request.Path.StartsWithSegments("/staff/account"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Roles at start-up (the host kit migrated the staff schema before), and the first admin from the environment.</summary>
internal sealed class StaffStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => services.SeedStaffIdentityAsync(ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
