using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;

namespace LeveragedTokens.Dashboard.Web;

/// <summary>
/// Route values read back from the request line exactly. Kestrel decodes the path except "%2F", so a
/// matched value of "A%2FB" could be the symbol "A/B" or "A%2FB" (sent as "A%252FB"): only the raw
/// segment tells them apart. Runs after routing; pages and APIs then see the symbol as linked.
/// </summary>
internal static class ExactRouteValues
{
    public static IApplicationBuilder UseExactRouteValues(this IApplicationBuilder app) => app.Use((ctx, next) =>
    {
        if (ctx.GetEndpoint() is RouteEndpoint { RoutePattern: { Parameters.Count: > 0 } pattern }
            && ctx.Features.Get<IStatusCodeReExecuteFeature>() is null && ctx.Features.Get<IExceptionHandlerFeature>() is null
            && ctx.Features.Get<IHttpRequestFeature>()?.RawTarget is ['/', ..] raw)
        {
            var rawSegments = raw.Split('?', 2)[0].Split('/');
            // Segments of the path base come first in the raw target; the route pattern starts after them.
            var first = rawSegments.Length - ctx.Request.Path.Value!.Split('/').Length + 1;
            if (first >= 1 && Aligned(pattern, rawSegments, first))
                for (var i = 0; i < pattern.PathSegments.Count; i++)
                    if (pattern.PathSegments[i].Parts is [RoutePatternParameterPart p])
                        ctx.Request.RouteValues[p.Name] = Uri.UnescapeDataString(p.IsCatchAll ? string.Join('/', rawSegments[(first + i)..]) : rawSegments[first + i]);
        }
        return next(ctx);
    });

    /// <summary>Every literal segment of the pattern is where the raw target has it (no rewrite moved the path).</summary>
    private static bool Aligned(RoutePattern pattern, string[] rawSegments, int first) =>
        first + pattern.PathSegments.Count <= rawSegments.Length
        && pattern.PathSegments.Select((s, i) => (s, i)).All(x => x.s.Parts is not [RoutePatternLiteralPart literal]
            || string.Equals(literal.Content, Uri.UnescapeDataString(rawSegments[first + x.i]), StringComparison.OrdinalIgnoreCase));
}
