using System.Net;
using System.Text.RegularExpressions;
using LeveragedTokens.Staff.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeveragedTokens.TestSupport;

/// <summary>Staff sign-in as a person does it: the login page's form, posted over HTTP or filled in a browser.</summary>
public static partial class StaffSignIn
{
    /// <summary>Posts the login page's form (antiforgery token included) on a client that keeps cookies; returns the login POST's response.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/staff/login");
        var input = TokenInput().Match(page).Value;
        var token = ValueAttribute().Match(input).Groups[1].Value;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = "/staff/alerts",
        });
        return await client.PostAsync("/staff/account/login", form);
    }

    /// <summary>Signs the client in (it keeps cookies and does not follow redirects); fails unless the login lands on /staff/alerts.</summary>
    public static async Task<HttpClient> SignInAsync(this HttpClient client, string email, string password)
    {
        using var response = await PostFormAsync(client, email, password);
        var location = response.Headers.Location?.OriginalString;
        if (response.StatusCode != HttpStatusCode.Redirect || location != "/staff/alerts")
            throw new InvalidOperationException($"{email} was not signed in: {(int)response.StatusCode} to {location}");
        return client;
    }

    /// <summary>A staff account with <paramref name="roles"/>, made as an admin's "add a user" would (confirmed email, no sign-in yet).</summary>
    public static async Task CreateUserAsync(IServiceProvider services, string email, string password, params string[] roles)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(user, password));
        if (roles.Length > 0) Check(await users.AddToRolesAsync(user, roles));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>
    /// Opens a staff page (an absolute URL) while signed out, is sent to the login page, fills the form
    /// and waits until the login brings the browser back to that page.
    /// </summary>
    public static async Task OnTheWayToAsync(IPage page, string url, string email, string password)
    {
        await page.GotoAsync(url);
        await page.WaitForURLAsync("**/staff/login**");
        await page.FillAsync("#staff-email", email);
        await page.FillAsync("#staff-password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync("**" + new Uri(url).PathAndQuery);
    }

    [GeneratedRegex("<input[^>]*__RequestVerificationToken[^>]*>")]
    private static partial Regex TokenInput();

    [GeneratedRegex("value=\"([^\"]+)\"")]
    private static partial Regex ValueAttribute();
}
