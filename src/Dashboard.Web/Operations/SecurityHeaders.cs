namespace LeveragedTokens.Dashboard.Web.Operations;

/// <summary>
/// Headers on every response. The policy is what Blazor Server and MudBlazor need and no more:
/// scripts only from this origin (blazor.web.js, MudBlazor.min.js; Blazor Server needs no eval),
/// inline styles (MudBlazor's theme provider writes a style element and style attributes),
/// the circuit's WebSocket to this origin, no framing by anyone.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((ctx, next) =>
    {
        var headers = ctx.Response.Headers;
        // The Hangfire dashboard writes inline scripts of its own; it is admin-only and keeps its own page.
        if (!ctx.Request.Path.StartsWithSegments("/hangfire")) headers.ContentSecurityPolicy = ContentSecurityPolicy;
        else headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        return next(ctx);
    });
}
