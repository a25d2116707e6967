using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeveragedTokens.Chain;

public static class ChainRpcServiceExtensions
{
    public const string HttpClientName = "chain-rpc";

    /// <summary>The host's <see cref="ChainRpc"/>, over IHttpClientFactory; <paramref name="options"/> maps the host's settings.</summary>
    public static IServiceCollection AddChainRpc(this IServiceCollection services, Func<IServiceProvider, ChainRpcOptions> options)
    {
        services.AddSingleton<ChainRpcOptions>(options);
        // No HttpClient request logging: it prints the full node URL, whose path often holds the provider's key.
        // ChainRpc logs each failure itself, with the URL redacted.
        services.AddHttpClient(HttpClientName, (sp, http) => Configure(http, sp.GetRequiredService<ChainRpcOptions>()))
            .RemoveAllLoggers();
        services.AddSingleton(sp => new ChainRpc(
            sp.GetRequiredService<ChainRpcOptions>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<ILogger<ChainRpc>>()));
        return services;
    }

    internal static HttpClient Configure(HttpClient http, ChainRpcOptions options)
    {
        http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline owns timeouts
        http.MaxResponseContentBufferSize = options.MaxResponseBytes;
        return http;
    }
}
