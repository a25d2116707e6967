using System.Security.Cryptography;

namespace LeveragedTokens.Dashboard.Web.Operations;

/// <summary>
/// A random per-browser cookie for the reverse proxy to hash on (nginx: <c>hash $cookie_lt_affinity
/// consistent</c>), so a Blazor circuit's negotiate and WebSocket reach the same instance. It says
/// nothing about the user and is not read by the app.
/// </summary>
public static class AffinityCookie
{
    public const string Name = "lt_affinity";

    public static IApplicationBuilder UseAffinityCookie(this IApplicationBuilder app) => app.Use((ctx, next) =>
    {
        if (!ctx.Request.Cookies.ContainsKey(Name) && HttpMethods.IsGet(ctx.Request.Method)
            && !ctx.Request.Path.StartsWithSegments("/api") && !Path.HasExtension(ctx.Request.Path.Value))
        {
            // When the response starts: after the page cache took the headers it keeps for every visitor.
            ctx.Response.OnStarting(() =>
            {
                ctx.Response.Cookies.Append(Name, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), new CookieOptions
                {
                    HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = ctx.Request.IsHttps, IsEssential = true, Path = "/",
                });
                return Task.CompletedTask;
            });
        }
        return next(ctx);
    });
}
