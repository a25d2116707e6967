using System.Globalization;
using System.Numerics;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Data.Sql;
using LeveragedTokens.Protocol;

namespace LeveragedTokens.Exports.Reconciliation;

/// <summary>
/// Walks the pool's ledger and published metrics in log order, rebuilding the balance. A
/// mismatch is reported with the ledger rows since the last agreeing checkpoint (the suspects),
/// then the walk resyncs to the published figure so one bad row yields one finding.
/// </summary>
internal static class ReserveBalanceCheck
{
    private const int MaxSuspects = 20;

    public static async Task<CheckSummary[]> RunAsync(ReconciliationContext context, CancellationToken ct)
    {
        var floorBps = await FloorBpsAsync(context, ct);
        var q = context.Query;
        BigInteger balance = 0;
        var suspects = new List<string>();
        long ledgerChecked = 0, ledgerBad = 0, metricsChecked = 0, metricsBad = 0, identityChecked = 0, identityBad = 0;
        await foreach (var reader in context.RowsAsync(ReconciliationSql.LedgerAndMetrics, ct))
        {
            var block = reader.GetInt64(9);
            var log = reader.GetInt32(10);
            var txHash = reader.GetString(11);
            var time = DateTime.SpecifyKind(reader.GetDateTime(12), DateTimeKind.Utc);
            var contract = reader.GetString(13);
            if (!q.BeforeEnd(block, time)) break;
            var inPeriod = q.InPeriod(block, time);
            var amount = BigInteger.Parse(reader.GetString(2), CultureInfo.InvariantCulture);
            void Report(string check, string subject, BigInteger expected, BigInteger actual, string detail) =>
                context.Findings.Add(new ReconciliationFinding(check, contract, block, log, txHash, time, subject,
                    expected.ToString(CultureInfo.InvariantCulture), actual.ToString(CultureInfo.InvariantCulture), detail));

            if (reader.GetString(0) == "L")
            {
                var kind = (LedgerEntryKind)reader.GetInt16(1);
                balance += kind == LedgerEntryKind.ReserveDrawn ? -amount : amount;
                var label = $"{KindName(kind)} at block {block} log {log} tx {txHash}";
                if (suspects.Count < MaxSuspects) suspects.Add(label);
                if (reader.IsDBNull(3)) continue;
                var published = BigInteger.Parse(reader.GetString(3), CultureInfo.InvariantCulture);
                if (!inPeriod) { balance = published; suspects.Clear(); continue; }
                ledgerChecked++;
                if (published != balance)
                {
                    ledgerBad++;
                    Report(ReconciliationChecks.LedgerNewBalance, "newBalance", balance, published,
                        $"{KindName(kind)}: balance rebuilt from the ledger differs from the published newBalance by {published - balance}; rows since the last agreeing balance: {string.Join("; ", suspects)}");
                    balance = published;
                }
                suspects.Clear();
                continue;
            }

            // A published reserveBalance is checked but never trusted: the walk keeps the ledger's
            // balance, so a wrong metrics row is one finding and a wrong ledger row shows at every
            // metrics row until the next newBalance (a ledger row itself) resyncs it.
            var reserveBalance = amount;
            if (inPeriod)
            {
                metricsChecked++;
                identityChecked++;
                identityBad += CheckIdentities(reader, reserveBalance, floorBps, Report);
                if (reserveBalance != balance)
                {
                    metricsBad++;
                    Report(ReconciliationChecks.ReserveBalance, "reserveBalance", balance, reserveBalance,
                        $"published reserveBalance differs from the ledger by {reserveBalance - balance}; ledger rows since the last agreeing balance: "
                        + (suspects.Count == 0 ? "none (the metrics row itself, or a ledger row missing)" : string.Join("; ", suspects)));
                    continue;
                }
            }
            else balance = reserveBalance;
            suspects.Clear();
        }
        return
        [
            new CheckSummary(ReconciliationChecks.LedgerNewBalance, ledgerChecked, ledgerBad),
            new CheckSummary(ReconciliationChecks.ReserveBalance, metricsChecked, metricsBad),
            new CheckSummary(ReconciliationChecks.MetricsIdentity, identityChecked, identityBad,
                Note: floorBps is null ? "floorValue not checked: the pool's registration row is missing" : null),
        ];
    }

    private static int CheckIdentities(
        Npgsql.NpgsqlDataReader reader, BigInteger balance, int? floorBps, Action<string, string, BigInteger, BigInteger, string> report)
    {
        var mark = BigInteger.Parse(reader.GetString(4), CultureInfo.InvariantCulture);
        var value = BigInteger.Parse(reader.GetString(5), CultureInfo.InvariantCulture);
        var supplyValue = BigInteger.Parse(reader.GetString(6), CultureInfo.InvariantCulture);
        var floor = BigInteger.Parse(reader.GetString(7), CultureInfo.InvariantCulture);
        var pair = reader.GetString(8).Split(',');
        var utilization = BigInteger.Parse(pair[0], CultureInfo.InvariantCulture);
        var buffer = BigInteger.Parse(pair[1], CultureInfo.InvariantCulture);
        var bad = 0;
        void Expect(string subject, BigInteger expected, BigInteger actual, string rule)
        {
            if (expected == actual) return;
            bad = 1;
            report(ReconciliationChecks.MetricsIdentity, subject, expected, actual, rule);
        }
        Expect("reserveValue", balance * mark / Wad.One, value, "reserveValue = reserveBalance * markPrice / 1e18");
        if (floorBps is { } bps) Expect("floorValue", supplyValue * bps / 10_000, floor, "floorValue = tokenSupplyValue * floorBps / 10000");
        Expect("bufferDepth", value - floor, buffer, "bufferDepth = reserveValue - floorValue");
        Expect("utilizationBps", value.IsZero ? Wad.Uint256Max : floor * 10_000 / value, utilization,
            "utilizationBps = floorValue * 10000 / reserveValue (uint256 max when reserveValue is 0)");
        return bad;
    }

    private static async Task<int?> FloorBpsAsync(ReconciliationContext context, CancellationToken ct)
    {
        await using var command = context.Command(ReconciliationSql.FloorBps);
        return await command.ExecuteScalarAsync(ct) is int bps ? bps : null;
    }

    private static string KindName(LedgerEntryKind kind) => Enum.IsDefined(kind) ? kind.ToString() : "kind " + (short)kind;
}
