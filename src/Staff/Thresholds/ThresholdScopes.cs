using System.Text.RegularExpressions;
using LeveragedTokens.Data;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Staff.Thresholds;

public sealed record ThresholdScope(string Scope, string Label, bool IsPool);

/// <summary>
/// The scopes a threshold can be set for: everything ("*"), each pool, each token (read from the chain data), and the
/// one owner of the scope format. A pool or token is "{chainId}:{address}", since one protocol is often deployed at the
/// same addresses on several chains; a bare address (written before chains) is a legacy scope meaning "on every chain".
/// </summary>
public sealed partial class ThresholdScopes(IDbContextFactory<DashboardDbContext> chainDb)
{
    public static string Of(long chainId, string address) => $"{chainId}:{address.ToLowerInvariant()}";

    /// <summary>The chain (null for a legacy bare address or "*") and the address of a scope.</summary>
    public static (long? ChainId, string Address) Parse(string scope)
    {
        var colon = scope.IndexOf(':');
        return colon > 0 && long.TryParse(scope.AsSpan(0, colon), out var chainId)
            ? (chainId, scope[(colon + 1)..].ToLowerInvariant())
            : (null, scope.ToLowerInvariant());
    }

    /// <summary>Whether a scope may be written: "*" or a chain-scoped address (new writes never use the legacy form).</summary>
    public static bool IsWritable(string scope) =>
        scope == ThresholdDefaults.GlobalScope || (ChainScoped().Match(scope) is { Success: true } m && long.Parse(m.Groups[1].Value) > 0);

    [GeneratedRegex("^([0-9]{1,18}):0x[0-9a-f]{40}$")]
    private static partial Regex ChainScoped();

    public async Task<IReadOnlyList<ThresholdScope>> ListAsync(CancellationToken ct)
    {
        await using var chain = await chainDb.CreateDbContextAsync(ct);
        var pools = await chain.ReservePools.AsNoTracking().OrderBy(p => p.ChainId).ThenBy(p => p.Underlying)
            .Select(p => new { p.ChainId, p.Address, Name = p.Underlying + " pool" }).ToListAsync(ct);
        var tokens = await chain.Tokens.AsNoTracking().OrderBy(t => t.ChainId).ThenBy(t => t.Symbol)
            .Select(t => new { t.ChainId, t.Address, Name = t.Symbol }).ToListAsync(ct);
        // Name the chain only when there is more than one to tell apart.
        var severalChains = pools.Select(p => p.ChainId).Concat(tokens.Select(t => t.ChainId)).Distinct().Count() > 1;
        string Label(long chainId, string name) => severalChains ? $"{name} (chain {chainId})" : name;
        return
        [
            new ThresholdScope(ThresholdDefaults.GlobalScope, "All pools and tokens (default)", false),
            .. pools.Select(p => new ThresholdScope(Of(p.ChainId, p.Address), Label(p.ChainId, p.Name), true)),
            .. tokens.Select(t => new ThresholdScope(Of(t.ChainId, t.Address), Label(t.ChainId, t.Name), false)),
        ];
    }
}
