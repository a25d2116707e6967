using System.Text.RegularExpressions;

namespace LeveragedTokens.Staff.Tests;

/// <summary>Every staff page and endpoint refuses anonymous users and users without the role.</summary>
[Collection(HangfireHostsCollection.Name)]
public sealed partial class AuthorizationTests(StaffWebFixture fixture) : IClassFixture<StaffWebFixture>
{
    private readonly StaffWebApp _app = fixture.App;

    public static TheoryData<string> RiskPages => ["/staff/alerts", "/staff/thresholds"];
    public static TheoryData<string> AdminPages => ["/staff/users"];

    /// <summary>(method, path) of every staff API; the body is a valid one so only authorization can refuse it.</summary>
    public static TheoryData<string, string> RiskApis => new()
    {
        { "GET", "/api/staff/alerts" },
        { "GET", "/api/staff/alerts?history=true" },
        { "GET", "/api/staff/alerts/1" },
        { "GET", "/api/staff/alerts/1/deliveries" },
        { "POST", "/api/staff/alerts/1/acknowledge" },
        { "POST", "/api/staff/alerts/1/snooze" },
        { "GET", "/api/staff/thresholds" },
        { "GET", "/api/staff/thresholds/history" },
        { "PUT", "/api/staff/thresholds" },
    };

    public static TheoryData<string, string> AdminApis => new()
    {
        { "GET", "/api/staff/users" },
        { "POST", "/api/staff/users" },
        { "PUT", "/api/staff/users/some-id/roles" },
        { "POST", "/api/staff/users/some-id/lock" },
        { "GET", "/hangfire" },
        { "GET", "/hangfire/jobs/enqueued" },
        { "GET", "/hangfire/stats" },
    };

    [Theory, MemberData(nameof(RiskPages)), MemberData(nameof(AdminPages))]
    public async Task AnAnonymousVisitorIsSentToTheSignInPage(string page) =>
        await AssertRedirectedAsync(_app.Client(), page, "/staff/login");

    [Theory, MemberData(nameof(RiskPages)), MemberData(nameof(AdminPages))]
    public async Task ASignedInUserWithoutTheRoleIsDeniedThePage(string page) =>
        await AssertRedirectedAsync(await _app.SignedInClientAsync("auditor@example.test"), page, "/staff/denied");

    [Theory, MemberData(nameof(AdminPages))]
    public async Task ARiskUserIsDeniedTheAdminPages(string page) =>
        await AssertRedirectedAsync(await _app.SignedInClientAsync("risk@example.test"), page, "/staff/denied");

    private static async Task AssertRedirectedAsync(HttpClient client, string page, string to)
    {
        var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(to, response.Headers.Location!.PathAndQuery());
    }

    [Theory, MemberData(nameof(RiskPages))]
    public async Task ARiskUserGetsTheRiskPages(string page)
    {
        var risk = await _app.SignedInClientAsync("risk@example.test");

        var response = await risk.GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory, MemberData(nameof(RiskApis)), MemberData(nameof(AdminApis))]
    public async Task AnAnonymousCallToAStaffApiIsUnauthorized(string method, string path)
    {
        var response = await _app.Client().SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory, MemberData(nameof(RiskApis)), MemberData(nameof(AdminApis))]
    public async Task AStaffApiCallWithoutTheRoleIsForbidden(string method, string path)
    {
        var auditor = await _app.SignedInClientAsync("auditor@example.test");

        var response = await auditor.SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory, MemberData(nameof(AdminApis))]
    public async Task ARiskUserIsForbiddenTheAdminApisAndTheJobDashboard(string method, string path)
    {
        var risk = await _app.SignedInClientAsync("risk@example.test");

        var response = await risk.SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TheBootstrapAdminSignsInAndReachesUserManagementAndTheJobDashboard()
    {
        var admin = await _app.SignedInClientAsync(StaffWebApp.AdminEmail, StaffWebApp.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/staff/users")).StatusCode);
        var users = await admin.GetFromJsonAsync<List<UserRow>>("/api/staff/users");
        Assert.Contains(users!, u => u.Email == StaffWebApp.AdminEmail && u.Roles.Contains(StaffRoles.Admin));
        var jobs = await admin.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
        Assert.DoesNotContain("Host=", await jobs.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheBootstrapAdminLandsOnAPageThatSaysHowToGiveItselfTheRole()
    {
        // A sign-in lands on the alerts page, which the bootstrap admin (admin only) may not see.
        var admin = await _app.SignedInClientAsync(StaffWebApp.AdminEmail, StaffWebApp.AdminPassword);
        var landing = await admin.GetAsync("/staff/alerts");
        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);

        var html = await admin.GetStringAsync(landing.Headers.Location!.PathAndQuery());

        Assert.Contains($"data-roles=\"{StaffRoles.Risk}\"", html);
        Assert.Contains("data-testid=\"grant-yourself\"", html);
        Assert.Contains("href=\"/staff/users\"", html);
    }

    [Fact]
    public async Task AUserWhoIsNotAnAdminIsToldToAskOne()
    {
        var auditor = await _app.SignedInClientAsync("auditor@example.test");

        var html = await auditor.GetStringAsync("/staff/denied?ReturnUrl=%2Fstaff%2Fthresholds");

        Assert.Contains($"data-roles=\"{StaffRoles.Risk}\"", html);
        Assert.Contains("Ask an admin", html);
        Assert.DoesNotContain("grant-yourself", html);
    }

    [Fact]
    public async Task TheSignInPathTheReadmeGivesOpensTheSignInForm()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "README.md"));
        var path = ReadmeSignIn().Match(readme).Groups[1].Value;

        var response = await _app.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"login-form\"", await response.Content.ReadAsStringAsync());
    }

    /// <summary>The way the denied page describes, followed to the end: the role it names opens the page after a new sign-in.</summary>
    [Theory]
    [InlineData("/staff/alerts")]
    [InlineData("/staff/thresholds")]
    [InlineData("/audit")]
    public async Task AnAdminGivesItselfTheRoleTheDeniedPageNamesAndReachesThePage(string page)
    {
        var email = $"admin{page.Replace('/', '-')}@example.test";
        await _app.CreateUserAsync(email, StaffRoles.Admin);
        var admin = await _app.SignedInClientAsync(email);
        var denied = await admin.GetStringAsync((await admin.GetAsync(page)).Headers.Location!.PathAndQuery());
        var named = RolesNamed().Match(denied).Groups[1].Value;
        Assert.Contains(named, StaffRoles.All);

        var me = (await admin.GetFromJsonAsync<List<UserRow>>("/api/staff/users"))!.Single(u => u.Email == email);
        var put = await admin.PutAsJsonAsync($"/api/staff/users/{me.Id}/roles", new { roles = new[] { StaffRoles.Admin, named } });
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);

        var again = await _app.SignedInClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(page)).StatusCode);
    }

    [Fact]
    public async Task ARiskUserReadsTheAlertApi()
    {
        var risk = await _app.SignedInClientAsync("risk@example.test");

        var response = await risk.GetAsync("/api/staff/alerts");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RepeatedWrongPasswordsLockTheAccountEvenAgainstTheRightPassword()
    {
        await _app.CreateUserAsync("victim@example.test", StaffRoles.Risk);
        var client = _app.Client();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await StaffSignIn.PostFormAsync(client, "victim@example.test", "not-the-password");
            Assert.Contains("error=", wrong.Headers.Location!.OriginalString);
        }

        var right = await StaffSignIn.PostFormAsync(client, "victim@example.test", StaffWebApp.Password);

        Assert.Contains("error=locked", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/staff/alerts")).StatusCode);
    }

    [Fact]
    public async Task ASignInWithoutTheAntiforgeryTokenIsRejected()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = StaffWebApp.AdminEmail, ["password"] = StaffWebApp.AdminPassword });

        var response = await _app.Client().PostAsync("/staff/account/login", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = JsonContent.Create(path switch
            {
                _ when path.EndsWith("/acknowledge") => (object)new { note = "looking" },
                _ when path.EndsWith("/snooze") => new { until = DateTime.UtcNow.AddHours(1) },
                _ when path.EndsWith("/thresholds") => new { scope = "*", key = "NearFloorBps", value = 8500, reason = "t" },
                _ when path.EndsWith("/roles") => new { roles = new[] { "risk" } },
                _ when path.EndsWith("/lock") => new { locked = true },
                _ => new { email = "new@example.test", password = "a-long-password-1", roles = new[] { "risk" } },
            });
        }
        return request;
    }

    private sealed record UserRow(string Id, string Email, string[] Roles);

    [GeneratedRegex("data-roles=\"([a-z]+)\"")]
    private static partial Regex RolesNamed();

    [GeneratedRegex("sign in at `([^`]+)`")]
    private static partial Regex ReadmeSignIn();
}

internal static class UriExtensions
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
