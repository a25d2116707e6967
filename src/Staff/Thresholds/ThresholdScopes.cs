using LeveragedTokens.Data;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Staff.Thresholds;

public sealed record ThresholdScope(string Scope, string Label, bool IsPool);

/// <summary>The scopes a threshold can be set for: everything ("*"), each pool, each token (read from the chain data).</summary>
public sealed class ThresholdScopes(IDbContextFactory<DashboardDbContext> chainDb)
{
    public async Task<IReadOnlyList<ThresholdScope>> ListAsync(CancellationToken ct)
    {
        await using var chain = await chainDb.CreateDbContextAsync(ct);
        var pools = await chain.ReservePools.AsNoTracking().OrderBy(p => p.Underlying)
            .Select(p => new ThresholdScope(p.Address, p.Underlying + " pool", true)).ToListAsync(ct);
        var tokens = await chain.Tokens.AsNoTracking().OrderBy(t => t.Symbol)
            .Select(t => new ThresholdScope(t.Address, t.Symbol, false)).ToListAsync(ct);
        return [new ThresholdScope(ThresholdDefaults.GlobalScope, "All pools and tokens (default)", false), .. pools, .. tokens];
    }
}
