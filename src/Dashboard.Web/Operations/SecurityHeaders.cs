using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace LeveragedTokens.Dashboard.Web.Operations;

/// <summary>
/// Headers on every response. The policy is what Blazor Server and MudBlazor need and no more:
/// scripts only from this origin (blazor.web.js, MudBlazor.min.js; Blazor Server needs no eval)
/// plus the hash of the one inline script, the import map that &lt;ImportMap /&gt; renders from the
/// static-asset manifest; inline styles (MudBlazor's theme provider writes a style element and
/// style attributes); the circuit's WebSocket to this origin; no framing by anyone.
/// </summary>
public static class SecurityHeaders
{
    private const string Policy =
        "default-src 'self'; script-src 'self'{0}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly ConcurrentDictionary<ResourceAssetCollection, string> Hashes = new();

    public static string ContentSecurityPolicy(string? importMapHash = null) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy, importMapHash is null ? "" : $" '{importMapHash}'");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((ctx, next) =>
    {
        var headers = ctx.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        // The endpoint (and so the page's asset collection) is known only after routing.
        ctx.Response.OnStarting(() =>
        {
            // The Hangfire dashboard writes inline scripts of its own; it is admin-only and keeps its own page.
            ctx.Response.Headers.ContentSecurityPolicy = ctx.Request.Path.StartsWithSegments("/hangfire")
                ? "frame-ancestors 'none'"
                : ContentSecurityPolicy(ImportMapHash(ctx));
            return Task.CompletedTask;
        });
        return next(ctx);
    });

    /// <summary>'sha256-…' of the import map a page renders, or null when the endpoint has no asset collection.</summary>
    private static string? ImportMapHash(HttpContext ctx)
    {
        if (ctx.GetEndpoint()?.Metadata.GetMetadata<ResourceAssetCollection>() is not { } assets) return null;
        return Hashes.GetOrAdd(assets, a =>
            "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ImportMapDefinition.FromResourceCollection(a).ToString()))));
    }
}
