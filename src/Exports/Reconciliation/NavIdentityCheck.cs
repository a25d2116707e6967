using System.Globalization;
using System.Numerics;
using LeveragedTokens.Protocol;
using LeveragedTokens.Data.Sql;

namespace LeveragedTokens.Exports.Reconciliation;

/// <summary>
/// Checks navAfter = navBefore - (slippageCost + gasCost - reserveDraw) * 1e18 / totalSupply for
/// every rebalance. totalSupply at the rebalance is rebuilt in log order: the token's mints and
/// burns (ERC-20 Transfer from/to zero, kept in raw_events) from registration, resynced at every
/// NavSnapshot; a token whose transfers are not stored falls back to the latest snapshot alone.
/// </summary>
internal static class NavIdentityCheck
{

    public static async Task<CheckSummary[]> RunAsync(ReconciliationContext context, CancellationToken ct)
    {
        var withTransfers = await TokensWithTransfersAsync(context, ct);
        var supply = withTransfers.ToDictionary(t => t, _ => BigInteger.Zero);
        long checkedCount = 0, bad = 0, unverifiable = 0, deltaChecked = 0, deltaBad = 0;
        await foreach (var reader in context.RowsAsync(ReconciliationSql.SupplyAndRebalances, ct))
        {
            var token = reader.GetString(1);
            var block = reader.GetInt64(9);
            var time = DateTime.SpecifyKind(reader.GetDateTime(12), DateTimeKind.Utc);
            if (!context.Query.BeforeEnd(block, time)) break;
            switch (reader.GetString(0))
            {
                case "S":
                    supply[token] = Parse(reader.GetString(2));
                    continue;
                case "T":
                    if (!supply.TryGetValue(token, out var s)) continue;
                    var value = BigInteger.Parse("0" + reader.GetString(2).AsSpan(2).ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    supply[token] = reader.GetString(3) == "mint" ? s + value : s - value;
                    continue;
            }
            if (!context.Query.InPeriod(block, time)) continue;
            var log = reader.GetInt32(10);
            var txHash = reader.GetString(11);
            var contract = reader.GetString(13);
            var id = reader.GetInt64(8);
            BigInteger navBefore = Parse(reader.GetString(2)), navAfter = Parse(reader.GetString(3)), navDelta = Parse(reader.GetString(4));
            var cost = Parse(reader.GetString(5)) + Parse(reader.GetString(6)) - Parse(reader.GetString(7));
            void Report(string check, BigInteger expected, BigInteger actual, string detail) =>
                context.Findings.Add(new ReconciliationFinding(check, contract, block, log, txHash, time, $"rebalance {id}",
                    expected.ToString(CultureInfo.InvariantCulture), actual.ToString(CultureInfo.InvariantCulture), detail));

            deltaChecked++;
            if (navDelta != navAfter - navBefore)
            {
                deltaBad++;
                Report(ReconciliationChecks.NavDelta, navAfter - navBefore, navDelta, "stored nav_delta differs from navAfter - navBefore");
            }
            if (!supply.TryGetValue(token, out var totalSupply) || totalSupply.Sign <= 0)
            {
                unverifiable++;
                continue;
            }
            checkedCount++;
            var expected = navBefore - cost * Wad.One / totalSupply;
            // A wiped-out token reports NAV 0 rather than a negative one.
            var within = BigInteger.Abs(navAfter - expected) <= PoolReconciliation.NavToleranceWei || (navAfter.IsZero && expected.Sign <= 0);
            if (!within)
            {
                bad++;
                Report(ReconciliationChecks.NavIdentity, expected, navAfter,
                    $"navAfter is off by {navAfter - expected} wei (tolerance {PoolReconciliation.NavToleranceWei}); navBefore {navBefore}, unabsorbed cost {cost}, totalSupply {totalSupply}"
                    + (withTransfers.Contains(token) ? " (mints/burns + snapshots)" : " (latest NavSnapshot)"));
            }
        }
        return
        [
            new CheckSummary(ReconciliationChecks.NavIdentity, checkedCount, bad, unverifiable,
                unverifiable > 0 ? "rebalances before any NavSnapshot or stored mint have no known totalSupply" : null),
            new CheckSummary(ReconciliationChecks.NavDelta, deltaChecked, deltaBad),
        ];
    }

    private static async Task<HashSet<string>> TokensWithTransfersAsync(ReconciliationContext context, CancellationToken ct)
    {
        var result = new HashSet<string>();
        await foreach (var reader in context.RowsAsync(ReconciliationSql.TokensWithTransfers, ct)) result.Add(reader.GetString(0));
        return result;
    }

    private static BigInteger Parse(string s) => BigInteger.Parse(s, CultureInfo.InvariantCulture);
}
