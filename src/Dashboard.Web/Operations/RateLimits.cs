using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Dashboard.Web.Operations;

/// <summary>
/// The web host's one rate-limiter configuration: the "api" policy (per client per minute), a
/// global per-client limit on pages and exports, a concurrency cap on exports, and a 429 whose
/// Retry-After is the limiter's own wait (problem details for the API).
/// </summary>
internal static class RateLimits
{
    public const string ApiPolicy = "api";

    public static void Configure(RateLimiterOptions o, OperationsOptions ops, DashboardOptions dashboard)
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.AddPolicy(ApiPolicy, ctx => RateLimitPartition.GetFixedWindowLimiter(Client(ctx),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = dashboard.ApiPermitsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(ctx => Kind(ctx, ops) switch
            {
                RequestKind.Page => RateLimitPartition.GetFixedWindowLimiter("page:" + Client(ctx),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = ops.PagePermitsPerMinute, Window = TimeSpan.FromMinutes(1) }),
                RequestKind.Export => RateLimitPartition.GetFixedWindowLimiter("export:" + Client(ctx),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = ops.ExportPermitsPerMinute, Window = TimeSpan.FromMinutes(1) }),
                _ => RateLimitPartition.GetNoLimiter("none"),
            }),
            PartitionedRateLimiter.Create<HttpContext, string>(ctx => Kind(ctx, ops) == RequestKind.Export
                ? RateLimitPartition.GetConcurrencyLimiter("export-running:" + Client(ctx),
                    _ => new ConcurrencyLimiterOptions { PermitLimit = ops.ExportConcurrency, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("none")));
        o.OnRejected = OnRejectedAsync;
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext ctx, CancellationToken ct)
    {
        var http = ctx.HttpContext;
        // A window limiter knows when the next permit comes; a concurrency limiter does not: a short wait.
        var wait = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(5);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"Rate limit reached; retry after {seconds} s.").ExecuteAsync(http);
        }
        else
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync($"Too many requests; retry after {seconds} s.", ct);
        }
    }

    private enum RequestKind { None, Page, Export }

    private static RequestKind Kind(HttpContext ctx, OperationsOptions ops)
    {
        // No client address (an in-process test server): nothing to attribute a budget to.
        if (ctx.Connection.RemoteIpAddress is null) return RequestKind.None;
        var path = ctx.Request.Path;
        foreach (var prefix in ops.ExportPaths)
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)) return RequestKind.Export;
        // The API has its own policy; assets, the circuit hub and probes are not limited.
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
            || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz")
            || path.StartsWithSegments("/metrics") || Path.HasExtension(path.Value))
            return RequestKind.None;
        return RequestKind.Page;
    }

    internal static string Client(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    internal static void Register(IServiceCollection services) =>
        services.AddRateLimiter().AddOptions<RateLimiterOptions>()
            .Configure<IOptions<OperationsOptions>, IOptions<DashboardOptions>>((o, ops, dashboard) => Configure(o, ops.Value, dashboard.Value));
}
