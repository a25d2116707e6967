using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Dashboard.Web.Caching;

/// <summary>
/// Blazor persists an antiforgery token into every interactive prerender, which sets the antiforgery cookie
/// and "no-store": such a page could never be cached, and its token belongs to one visitor. A shared page has
/// no form to post (staff, who do, never get it), so for it no token is made: the state provider is designed
/// for a token set without a request token and then persists none.
/// </summary>
internal sealed class SharedRenderAntiforgery(IAntiforgery inner, IOptions<AntiforgeryOptions> options) : IAntiforgery
{
    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
        SharedRender.IsMarked(httpContext) ? None : inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) =>
        SharedRender.IsMarked(httpContext) ? None : inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    private AntiforgeryTokenSet None => new(null, null, options.Value.FormFieldName, options.Value.HeaderName);

    /// <summary>Wraps the registered IAntiforgery (AddRazorComponents registers it; call after).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        services.Remove(registered);
        services.AddSingleton<IAntiforgery>(sp => new SharedRenderAntiforgery(
            registered.ImplementationType is { } type ? (IAntiforgery)ActivatorUtilities.CreateInstance(sp, type)
                : registered.ImplementationFactory is { } factory ? (IAntiforgery)factory(sp) : (IAntiforgery)registered.ImplementationInstance!,
            sp.GetRequiredService<IOptions<AntiforgeryOptions>>()));
    }
}
