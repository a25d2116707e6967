using LeveragedTokens.Dashboard.Web.Analytics;

namespace LeveragedTokens.Dashboard.Web.Api;

/// <summary>One token over one period of the decay league; ratios as strings (round-trip doubles, exact decimals for the split).</summary>
public sealed record DecayLeagueRowDto(
    string Symbol, long ChainId, string Address, string Underlying, string Period, DateTime From, DateTime To, long Hours, string SignedLeverage,
    string Volatility, string UnderlyingReturn, string NavReturn, string NaiveReturn, string Gap, string ExpectedDecay,
    string VolatilityDrag, string RebalanceCosts, string Residual, long Rebalances);

internal static class DecayApi
{
    public static RouteGroupBuilder MapDecayApi(this RouteGroupBuilder api)
    {
        api.MapGet("/decay-league", async Task<IResult> (string? period, string? chainId, DecayLeague league, Data.Queries.StatusQueries status, CancellationToken ct) =>
        {
            if (period is not null && DecayLeague.Periods.All(p => p.Key != period))
                return ApiMapping.BadRequest($"'period' must be one of {string.Join(", ", DecayLeague.Periods.Select(p => p.Key))}.");
            var (chain, problem) = await ChainScope.ChainAsync(chainId, status, ct);
            return problem ?? TypedResults.Ok((await league.RowsAsync(period, chain, ct)).Select(ToDto).ToList());
        }).WithTags("Analytics");
        return api;
    }

    private static DecayLeagueRowDto ToDto(DecayLeagueRow r) => new(
        r.Token.Symbol, r.Token.ChainId, r.Token.Address, r.Token.Underlying, r.Period, r.View.Inputs.StartTime, r.View.Inputs.EndTime, r.View.Inputs.Hours,
        DecayLeagueRow.Text(r.View.SignedLeverage), DecayLeagueRow.Text(r.Volatility), DecayLeagueRow.Text(r.View.UnderlyingReturn),
        DecayLeagueRow.Text(r.View.NavReturn), DecayLeagueRow.Text(r.View.NaiveReturn), DecayLeagueRow.Text(r.View.Gap),
        DecayLeagueRow.Text(DecayLeagueRow.Expected(r.View.SignedLeverage, r.Volatility)), DecayLeagueRow.Text(r.View.VolatilityDrag),
        DecayLeagueRow.Text(r.View.RebalanceCosts), DecayLeagueRow.Text(r.View.Residual), r.View.Inputs.RebalanceCount);
}
