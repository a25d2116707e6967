using System.Globalization;
using System.Numerics;
using LeveragedTokens.Chain;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.Protocol.Events;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace LeveragedTokens.Exports.Chain;

/// <summary>
/// What an export row must say about a log, column by column, derived from the chain alone:
/// the log decoded with the protocol's event DTOs, and its block's timestamp.
/// </summary>
public static class ExpectedRow
{
    private static readonly Dictionary<string, (string Name, ExportDataset Dataset)> EventByTopic = new()
    {
        [Topic<RebalancedEvent>()] = ("Rebalanced", ExportDataset.Rebalances),
        [Topic<ReserveDrawnEvent>()] = ("ReserveDrawn", ExportDataset.ReserveLedger),
        [Topic<FeesAllocatedEvent>()] = ("FeesAllocated", ExportDataset.ReserveLedger),
        [Topic<CapitalInjectedEvent>()] = ("CapitalInjected", ExportDataset.ReserveLedger),
        [Topic<ReserveMetricsPublishedEvent>()] = ("ReserveMetricsPublished", ExportDataset.ReserveMetrics),
    };

    public static string? EventNameOf(RpcLog log) =>
        log.Topics.Length > 0 && EventByTopic.TryGetValue(log.Topics[0], out var e) ? e.Name : null;

    /// <summary>The dataset whose rows a log becomes, or null for a log no export holds.</summary>
    public static ExportDataset? DatasetOf(RpcLog log) =>
        log.Topics.Length > 0 && EventByTopic.TryGetValue(log.Topics[0], out var e) ? e.Dataset : null;

    /// <summary>Null when the log is none of the exported events.</summary>
    public static Dictionary<string, string?>? For(RpcLog log, BlockHeader? block)
    {
        var name = EventNameOf(log);
        if (name is null) return null;
        var row = new Dictionary<string, string?>
        {
            ["contract_address"] = log.Address,
            ["block_number"] = Str(log.BlockNumber),
            ["block_hash"] = log.BlockHash,
            ["tx_hash"] = log.TxHash,
            ["log_index"] = Str(log.LogIndex),
            ["event"] = name,
        };
        if (block is not null)
        {
            row["block_time"] = DateTimeOffset.FromUnixTimeSeconds(block.Timestamp).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            row["block_time_unix"] = Str(block.Timestamp);
        }
        var filterLog = new FilterLog { Address = log.Address, Topics = [.. log.Topics.Cast<object>()], Data = log.Data };
        switch (name)
        {
            case "Rebalanced":
                var r = Decode<RebalancedEvent>(filterLog);
                row["token_address"] = log.Address;
                row["rebalance_id"] = Str(r.RebalanceId);
                row["trigger"] = Str(r.Trigger);
                row["is_buy"] = r.IsBuy ? "true" : "false";
                Amounts(row, ("amount", r.Amount), ("mark_price", r.MarkPrice), ("execution_price", r.ExecutionPrice),
                    ("leverage_before", r.LeverageBefore), ("leverage_after", r.LeverageAfter), ("nav_before", r.NavBefore),
                    ("nav_after", r.NavAfter), ("slippage_cost", r.SlippageCost), ("gas_cost", r.GasCost),
                    ("reserve_draw", r.ReserveDraw), ("nav_delta", r.NavAfter - r.NavBefore));
                break;
            case "ReserveDrawn":
                var d = Decode<ReserveDrawnEvent>(filterLog);
                row["pool_address"] = log.Address;
                row["counterparty"] = d.Token.ToLowerInvariant();
                row["rebalance_id"] = Str(d.RebalanceId);
                Amounts(row, ("amount", d.Amount), ("value", d.Value));
                row["new_balance"] = null;
                break;
            case "FeesAllocated":
                var f = Decode<FeesAllocatedEvent>(filterLog);
                row["pool_address"] = log.Address;
                row["counterparty"] = null;
                row["rebalance_id"] = null;
                Amounts(row, ("amount", f.Amount), ("new_balance", f.NewBalance));
                row["value"] = null;
                break;
            case "CapitalInjected":
                var c = Decode<CapitalInjectedEvent>(filterLog);
                row["pool_address"] = log.Address;
                row["counterparty"] = c.From.ToLowerInvariant();
                row["rebalance_id"] = null;
                Amounts(row, ("amount", c.Amount), ("new_balance", c.NewBalance));
                row["value"] = null;
                break;
            case "ReserveMetricsPublished":
                var m = Decode<ReserveMetricsPublishedEvent>(filterLog);
                row["pool_address"] = log.Address;
                row["hour"] = Str(m.Hour);
                Amounts(row, ("reserve_balance", m.ReserveBalance), ("mark_price", m.MarkPrice), ("reserve_value", m.ReserveValue),
                    ("token_supply_value", m.TokenSupplyValue), ("floor_value", m.FloorValue), ("buffer_depth", m.BufferDepth));
                row["utilization_bps"] = m.UtilizationBps.ToString(CultureInfo.InvariantCulture);
                break;
        }
        return row;
    }

    private static void Amounts(Dictionary<string, string?> row, params (string Name, BigInteger Value)[] amounts)
    {
        foreach (var (n, v) in amounts) row[n] = v.ToString(CultureInfo.InvariantCulture);
    }

    private static T Decode<T>(FilterLog log) where T : IEventDTO, new() => log.DecodeEvent<T>().Event;

    private static string Topic<T>() where T : IEventDTO, new() => "0x" + EventExtensions.GetEventABI<T>().Sha3Signature.ToLowerInvariant();

    private static string Str(long v) => v.ToString(CultureInfo.InvariantCulture);
    private static string Str(ulong v) => v.ToString(CultureInfo.InvariantCulture);
}
