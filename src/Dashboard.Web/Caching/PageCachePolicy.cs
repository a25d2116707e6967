using System.Globalization;
using LeveragedTokens.Dashboard.Web.Live;
using LeveragedTokens.Dashboard.Web.Operations;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LeveragedTokens.Dashboard.Web.Caching;

/// <summary>
/// The output cache policy of the shared pages: an anonymous GET of a configured path is answered with the
/// prerendered page of an earlier visitor until the open pages refresh (PageCacheEviction). Output Caching (not a cache of
/// our own) for its request coalescing: after an eviction 200 waiting visitors cause one render, not 200.
/// The key holds the query string, the hub's data version and whether each chain's feed is stale now (the
/// banner turns with the clock, not with a NOTIFY; the sampler's status row, no query); host and scheme are in
/// it already. No other request header changes the page: there is no culture, the theme is the circuit's, and the app
/// does not compress (a proxy compresses what leaves it).
/// </summary>
internal sealed class PageCachePolicy(ChainDataHub hub, StatusSampleStore status, IOptions<DashboardOptions> dashboard,
    IOptions<PageCacheOptions> options, IOptions<AntiforgeryOptions> antiforgery) : IOutputCachePolicy
{
    public const string Name = "shared-page";
    public const string Tag = "chain-data";

    private readonly string _antiforgeryCookie = antiforgery.Value.Cookie.Name ?? ".AspNetCore.Antiforgery.";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var ctx = context.HttpContext;
        if (options.Value.Seconds == 0 || !Shareable(ctx.Request)) return ValueTask.CompletedTask;
        context.EnableOutputCaching = context.AllowCacheLookup = context.AllowCacheStorage = context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        // A render that began before a NOTIFY and ends after its eviction is stored under the old version,
        // which nobody asks for again.
        context.CacheVaryByRules.VaryByValues["data"] = hub.DataVersion.ToString(CultureInfo.InvariantCulture);
        var now = DateTime.UtcNow;
        context.CacheVaryByRules.VaryByValues["stale"] = status.Latest is { } sample
            ? string.Concat(sample.Chains.Select(c => Freshness.IsStale(c, dashboard.Value, now) ? '1' : '0')) : "?";
        context.Tags.Add(Tag);
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(options.Value.Seconds);
        SharedRender.Mark(ctx);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

    /// <summary>Runs after the page: a response that sets a cookie (other than the per-visitor affinity cookie,
    /// added when the response starts, after the cache took its headers) or is not a plain 200 is not kept.</summary>
    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || context.HttpContext.User.Identity?.IsAuthenticated == true
            || response.Headers.SetCookie.Any(c => c?.StartsWith(AffinityCookie.Name + "=", StringComparison.Ordinal) != true))
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>An anonymous GET of a shared path: no Authorization header, no cookie but the affinity and antiforgery ones
    /// (so a staff cookie, even an expired one, always gets its own render), and a document load: Blazor answers an
    /// enhanced navigation (Accept: text/html; blazor-enhanced-nav=on) with another page, without the persisted state.</summary>
    private bool Shareable(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && options.Value.Paths.Contains(request.Path.Value, StringComparer.OrdinalIgnoreCase)
        && !request.Headers.ContainsKey(HeaderNames.Authorization)
        && !request.Headers.Accept.Any(a => a?.Contains("blazor-enhanced-nav=on", StringComparison.OrdinalIgnoreCase) == true)
        && request.Cookies.Keys.All(k => k == AffinityCookie.Name || k.StartsWith(_antiforgeryCookie, StringComparison.Ordinal));
}
