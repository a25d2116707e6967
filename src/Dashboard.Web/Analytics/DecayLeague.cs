using System.Globalization;
using LeveragedTokens.Dashboard.Web.Components.Pages;
using LeveragedTokens.Dashboard.Web.Live;
using LeveragedTokens.Data.Queries;

namespace LeveragedTokens.Dashboard.Web.Analytics;

/// <summary>One token over one period: its <see cref="DecayView"/> (the token page's decay split) and the underlying's realized volatility.</summary>
public sealed record DecayLeagueRow(TokenInfo Token, string Period, DecayView View)
{
    /// <summary>Realized volatility of the underlying over the period, σ√T: hourly log returns' standard deviation times √hours.</summary>
    public double Volatility => View.Inputs.HourlyLogReturnStdDev * Math.Sqrt(View.Inputs.Hours);

    /// <summary>
    /// The Avellaneda–Zhang expectation of the decay against naive β·x at volatility σ√T when the underlying ends where it began:
    /// exp(−(β²−β)σ²T/2) − 1. The row's own expectation (<see cref="DecayView.VolatilityDrag"/>) also holds the underlying's move.
    /// </summary>
    public static double Expected(double signedLeverage, double volatility) =>
        Math.Exp(-(signedLeverage * signedLeverage - signedLeverage) * volatility * volatility / 2) - 1;

    /// <summary>Figures as the API and the page's data attributes write them: a double round-trips, a decimal is exact.</summary>
    public static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static string Text(decimal v) => v.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The decay league (the claim that tokens on more volatile underlyings decay faster under the same regime, made checkable):
/// every token over each period ending at its newest NAV hour. The page and /api/v1/decay-league both read it here.
/// </summary>
public sealed class DecayLeague(TokenQueries tokens, SeriesQueries series, AnalyticsQueries analytics, LiveCache cache)
{
    /// <summary>The periods, in hours back from each token's newest NAV hour.</summary>
    public static readonly IReadOnlyList<(string Key, int Hours)> Periods = [("7d", 168), ("30d", 720), ("90d", 2160)];

    public async Task<IReadOnlyList<DecayLeagueRow>> RowsAsync(string? period = null, long? chainId = null, CancellationToken ct = default)
    {
        var periods = Periods.Where(p => period is null || p.Key == period).ToList();
        var rows = new List<DecayLeagueRow>();
        foreach (var t in await tokens.ListAsync(chainId, ct))
        {
            if (await series.LatestHourAsync(t.ChainId, t.Address, pool: false, ct) is not { } latest) continue;
            foreach (var (key, hours) in periods)
            {
                // Sums over whole histories: read once per period until new chain data.
                var inputs = await cache.GetOrAddAsync($"decay|{t.ChainId}|{t.Address}|{latest - hours}|{latest}",
                    () => analytics.DecayAsync(t.ChainId, t.Address, latest - hours, latest, ct));
                if (inputs is not null) rows.Add(new DecayLeagueRow(t, key, DecayView.From(inputs, t)));
            }
        }
        return rows;
    }
}
