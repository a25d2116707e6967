using System.Text.RegularExpressions;
using LeveragedTokens.Dashboard.Web;
using LeveragedTokens.Dashboard.Web.Caching;
using LeveragedTokens.Dashboard.Web.Live;
using LeveragedTokens.Dashboard.Web.Operations;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Operations.Tests;

/// <summary>The overview from the output cache: who gets it, what it carries, and when it goes. Each test
/// uses a query string of its own, so it starts from an empty entry whatever ran before.</summary>
[Collection(PageCacheCollection.Name)]
public sealed partial class PageCacheTests(PageCacheSite site)
{
    [Fact]
    public async Task ASecondAnonymousVisitorGetsTheFirstRenderWithOnlyItsOwnAffinityCookie()
    {
        var path = Unique();
        var client = site.Client();
        using var first = await client.GetAsync(path);
        using var second = await client.GetAsync(path);
        Assert.False(first.Headers.Contains("Age"), "the first request was not rendered");
        Assert.True(second.Headers.Contains("Age"), "the second request was rendered again");
        var body = await first.Content.ReadAsStringAsync();
        Assert.Equal(body, await second.Content.ReadAsStringAsync());
        Assert.Contains("<!--Blazor:{\"type\":\"server\"", body);
        // No antiforgery cookie (nor token for one visitor in the shared bytes): only the per-visitor affinity cookie.
        var cookies = new[] { first, second }.Select(r => Assert.Single(r.Headers.GetValues("Set-Cookie"))).ToList();
        Assert.All(cookies, c => Assert.StartsWith(AffinityCookie.Name + "=", c));
        Assert.NotEqual(cookies[0], cookies[1]);
        // Another query string is another page.
        using var other = await client.GetAsync(Unique());
        Assert.False(other.Headers.Contains("Age"));
    }

    [Fact]
    public async Task ChainDataAnnouncedByTheIndexerEvictsTheCachedPage()
    {
        var path = Unique();
        var client = site.Client();
        await client.GetStringAsync(path);
        await site.AddTokenAsync("QUIET3L", 0x2201, notify: false);
        using (var cached = await client.GetAsync(path))
        {
            Assert.True(cached.Headers.Contains("Age"));
            Assert.DoesNotContain("QUIET3L", await cached.Content.ReadAsStringAsync());
        }
        await site.AddTokenAsync("NOTED3L", 0x2202, notify: true);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string body;
        do body = await client.GetStringAsync(path);
        while (!body.Contains("NOTED3L") && DateTime.UtcNow < deadline && await Pause());
        Assert.Contains("NOTED3L", body);
        Assert.Contains("QUIET3L", body);
    }

    [Fact]
    public async Task AFeedTurningStaleGetsARenderOfItsOwnWithoutANotify()
    {
        var path = Unique();
        var client = site.Client();
        await ProbeTests.Sql(site.ConnectionString, "UPDATE indexer_state SET updated_at = now()");
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // the status sampler reads every second
        await client.GetStringAsync(path);
        using (var live = await client.GetAsync(path))
        {
            Assert.True(live.Headers.Contains("Age"));
            Assert.Contains("data-stale=\"false\"", await live.Content.ReadAsStringAsync());
        }
        // The indexer stops writing: no NOTIFY, only the clock passes StaleAfterSeconds (here: its row ages at once).
        await ProbeTests.Sql(site.ConnectionString, "UPDATE indexer_state SET updated_at = now() - interval '1 hour'");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string body;
        do body = await client.GetStringAsync(path);
        while (!body.Contains("data-stale=\"true\"") && DateTime.UtcNow < deadline && await Pause());
        Assert.Contains("data-stale=\"true\"", body);
        await ProbeTests.Sql(site.ConnectionString, "UPDATE indexer_state SET updated_at = now()");
    }

    [Fact]
    public async Task StaffCredentialsOtherCookiesAndEnhancedNavigationsNeitherGetNorLeaveACachedPage()
    {
        const string email = "cache-staff@example.test", password = "Cache-staff-1!";
        await StaffSignIn.CreateUserAsync(site.Factory.Services, email, password, LeveragedTokens.Staff.StaffRoles.Risk);
        using var staff = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(site.BaseUrl) }
            .SignInAsync(email, password);
        var client = site.Client();

        // A page a staff member made is not kept: the anonymous visitor after them gets a render of their own.
        var path = Unique();
        using (var staffPage = await staff.GetAsync(path))
        {
            Assert.False(staffPage.Headers.Contains("Age"));
            Assert.Contains("data-testid=\"sign-out\"", await staffPage.Content.ReadAsStringAsync());
        }
        using (var after = await client.GetAsync(path))
        {
            Assert.False(after.Headers.Contains("Age"), "the staff member's page was stored");
            Assert.DoesNotContain("data-testid=\"sign-out\"", await after.Content.ReadAsStringAsync());
        }
        // Now cached: staff, a stale staff cookie, an Authorization header, an unknown cookie or Blazor's enhanced
        // navigation (answered with another page) still get a render.
        Assert.True(await CachedAfterFillAsync(client, path, () => new HttpRequestMessage(HttpMethod.Get, path)));
        using (var staffAgain = await staff.GetAsync(path)) Assert.False(staffAgain.Headers.Contains("Age"));
        foreach (var (header, value) in new[] { ("Cookie", "lt_staff=stale"), ("Authorization", "Bearer x"), ("Cookie", "theme=dark"),
                     ("Accept", "text/html; blazor-enhanced-nav=on") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation(header, value);
            using var response = await client.SendAsync(request);
            Assert.False(response.Headers.Contains("Age"), $"{header}: {value} got the cached page");
        }
        // The affinity cookie a visitor brings back does not stop the cache.
        Assert.True(await CachedAfterFillAsync(client, path, () =>
        {
            var returning = new HttpRequestMessage(HttpMethod.Get, path);
            returning.Headers.Add("Cookie", $"{AffinityCookie.Name}=0123456789abcdef");
            return returning;
        }), "a visitor's own affinity cookie stopped the cache");
    }

    /// <summary>
    /// Whether the request is answered from the cache right after an anonymous visit filled it. The page cache is
    /// evicted on every refresh tick (30 s) and NOTIFY, which can fall between the two: up to three tries.
    /// </summary>
    private static async Task<bool> CachedAfterFillAsync(HttpClient client, string path, Func<HttpRequestMessage> request)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            (await client.GetAsync(path)).Dispose();
            using var message = request();
            using var response = await client.SendAsync(message);
            if (response.Headers.Contains("Age")) return true;
        }
        return false;
    }

    [Fact]
    public async Task TheDescriptorsInACachedPageOutliveItsCacheEntry()
    {
        var path = Unique();
        var client = site.Client();
        await client.GetStringAsync(path);
        using var cached = await client.GetAsync(path);
        var age = TimeSpan.FromSeconds(int.Parse(Assert.Single(cached.Headers.GetValues("Age"))));
        var rendered = cached.Headers.Date!.Value - age;
        var lifetime = TimeSpan.FromSeconds(site.Factory.Services.GetRequiredService<IOptions<PageCacheOptions>>().Value.Seconds);
        var protector = site.Factory.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Microsoft.AspNetCore.Components.ComponentDescriptorSerializer,V1").ToTimeLimitedDataProtector();
        var descriptors = ServerMarker().Matches(await cached.Content.ReadAsStringAsync())
            .Select(m => JsonDocument.Parse(m.Groups[1].Value).RootElement.GetProperty("descriptor").GetString()!).ToList();
        Assert.NotEmpty(descriptors);
        foreach (var descriptor in descriptors)
        {
            protector.Unprotect(descriptor, out var expires);
            // Blazor's fixed 5 minutes; the last visitor the entry serves still has a minute to start its circuit.
            Assert.InRange(expires - rendered, TimeSpan.FromMinutes(4.9), TimeSpan.FromMinutes(5.1));
            Assert.True(expires - (rendered + lifetime) >= TimeSpan.FromMinutes(1), $"descriptor expires {expires:O}, entry lives to {rendered + lifetime:O}");
        }
    }

    [Fact]
    public async Task APageThatSetsAnyCookieButTheAffinityCookieIsNotStored()
    {
        var policy = (IOutputCachePolicy)new PageCachePolicy(new ChainDataHub(NullLogger<ChainDataHub>.Instance), new StatusSampleStore(),
            Options.Create(new DashboardOptions()), Options.Create(new PageCacheOptions()), Options.Create(new AntiforgeryOptions()));
        foreach (var (cookie, stored) in new[] { ($"{AffinityCookie.Name}=1; path=/", true), (".AspNetCore.Antiforgery.x=CfDJ8; path=/", false) })
        {
            var context = new OutputCacheContext { HttpContext = new DefaultHttpContext() };
            context.HttpContext.Request.Method = "GET";
            context.HttpContext.Request.Path = "/";
            await policy.CacheRequestAsync(context, default);
            Assert.True(context.AllowCacheStorage);
            context.HttpContext.Response.Headers.SetCookie = cookie;
            await policy.ServeResponseAsync(context, default);
            Assert.Equal(stored, context.AllowCacheStorage);
        }
    }

    private static string Unique() => "/?visit=" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<bool> Pause()
    {
        await Task.Delay(100);
        return true;
    }

    [GeneratedRegex("<!--Blazor:(\\{\"type\":\"server\".*?\\})-->")]
    private static partial Regex ServerMarker();
}
