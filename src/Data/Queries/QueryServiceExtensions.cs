using Microsoft.Extensions.DependencyInjection;

namespace LeveragedTokens.Data.Queries;

public static class QueryServiceExtensions
{
    /// <summary>The read-side query services; stateless, each opens one context per call.</summary>
    public static IServiceCollection AddDashboardQueries(this IServiceCollection services) =>
        services.AddSingleton<TokenQueries>().AddSingleton<SeriesQueries>().AddSingleton<RebalanceQueries>()
            .AddSingleton<ReserveQueries>().AddSingleton<AnalyticsQueries>().AddSingleton<StatusQueries>()
            .AddSingleton<DeferralQueries>();
}
