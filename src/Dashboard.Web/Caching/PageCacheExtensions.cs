using Microsoft.AspNetCore.OutputCaching;

namespace LeveragedTokens.Dashboard.Web.Caching;

/// <summary>
/// The per-instance output cache of shared pages (<see cref="PageCachePolicy"/>). Memory only: each web
/// instance renders its own copy, and the NOTIFY reaches every instance's listener, so nothing is shared.
/// </summary>
public static class PageCacheExtensions
{
    public static IServiceCollection AddPageCache(this IServiceCollection services)
    {
        services.AddOptions<PageCacheOptions>().BindConfiguration(PageCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PageCachePolicy>();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<PageCachePolicy>((o, policy) => o.AddPolicy(PageCachePolicy.Name, policy));
        services.AddHostedService<PageCacheEviction>();
        SharedRenderAntiforgery.Decorate(services);
        return services;
    }

    /// <summary>Puts the shared-page policy on the Razor component endpoints; the policy picks the paths.</summary>
    public static TBuilder CacheSharedPages<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.CacheOutput(PageCachePolicy.Name);
}
