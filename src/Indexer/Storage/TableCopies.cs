using LeveragedTokens.Data.Entities;
using LeveragedTokens.Indexer.Decoding;
using Npgsql;
using NpgsqlTypes;

namespace LeveragedTokens.Indexer.Storage;

/// <summary>How each chain-derived table is written with binary COPY: its columns and one row's values.</summary>
internal static class TableCopies
{
    /// <summary>Every table keyed by (chain id, block number, log index): what a reorg rewinds.</summary>
    public static readonly string[] LogTables =
    [
        "raw_events", "decode_failures", "reserve_pools", "tokens", "rebalances", "rebalance_deferrals",
        "nav_snapshots", "reserve_metrics", "pool_ledger", "suspension_events",
    ];

    private const string Common = "chain_id, block_number, log_index, block_hash, tx_hash, block_time, contract_address";

    public static IEnumerable<(string Table, string Columns, Func<NpgsqlBinaryImporter, CancellationToken, Task> Copy, int Count)> For(ChainBatch b)
    {
        yield return Spec(b.RawEvents, "raw_events", "tx_index, event_name, topics, data", async (w, r, ct) =>
        {
            await w.WriteAsync(r.TxIndex, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(r.EventName, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Topics, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Data, NpgsqlDbType.Text, ct);
        });
        yield return Spec(b.DecodeFailures, "decode_failures", "topics, data, error", async (w, r, ct) =>
        {
            await w.WriteAsync(r.Topics, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Data, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Error, NpgsqlDbType.Text, ct);
        });
        yield return Spec(b.Pools, "reserve_pools", "address, underlying, floor_bps", async (w, r, ct) =>
        {
            await w.WriteAsync(r.Address, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Underlying, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.FloorBps, NpgsqlDbType.Integer, ct);
        });
        yield return Spec(b.Tokens, "tokens",
            "address, pool_address, symbol, is_long, target_leverage, min_leverage, max_leverage, fallback_interval_seconds", async (w, r, ct) =>
        {
            await w.WriteAsync(r.Address, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.PoolAddress, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Symbol, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.IsLong, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(r.TargetLeverage, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.MinLeverage, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.MaxLeverage, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.FallbackIntervalSeconds, NpgsqlDbType.Bigint, ct);
        });
        yield return Spec(b.Rebalances, "rebalances",
            "token_address, rebalance_id, trigger, is_buy, amount, mark_price, execution_price, leverage_before, leverage_after, " +
            "nav_before, nav_after, nav_delta, slippage_cost, gas_cost, reserve_draw", async (w, r, ct) =>
        {
            await w.WriteAsync(r.TokenAddress, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.RebalanceId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync((short)r.Trigger, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync(r.IsBuy, NpgsqlDbType.Boolean, ct);
            foreach (var v in new[] { r.Amount, r.MarkPrice, r.ExecutionPrice, r.LeverageBefore, r.LeverageAfter, r.NavBefore, r.NavAfter,
                         r.NavDelta, r.SlippageCost, r.GasCost, r.ReserveDraw })
                await w.WriteAsync(v, NpgsqlDbType.Numeric, ct);
        });
        yield return Spec(b.Deferrals, "rebalance_deferrals", "token_address, reason, leverage, mark_price", async (w, r, ct) =>
        {
            await w.WriteAsync(r.TokenAddress, NpgsqlDbType.Text, ct);
            await w.WriteAsync((short)r.Reason, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync(r.Leverage, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.MarkPrice, NpgsqlDbType.Numeric, ct);
        });
        yield return Spec(b.NavSnapshots, "nav_snapshots", "token_address, hour, nav, leverage, mark_price, total_supply", async (w, r, ct) =>
        {
            await w.WriteAsync(r.TokenAddress, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Hour, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(r.Nav, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.Leverage, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.MarkPrice, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.TotalSupply, NpgsqlDbType.Numeric, ct);
        });
        yield return Spec(b.ReserveMetrics, "reserve_metrics",
            "pool_address, hour, reserve_balance, mark_price, reserve_value, token_supply_value, floor_value, utilization_bps, buffer_depth", async (w, r, ct) =>
        {
            await w.WriteAsync(r.PoolAddress, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Hour, NpgsqlDbType.Bigint, ct);
            foreach (var v in new[] { r.ReserveBalance, r.MarkPrice, r.ReserveValue, r.TokenSupplyValue, r.FloorValue, r.UtilizationBps, r.BufferDepth })
                await w.WriteAsync(v, NpgsqlDbType.Numeric, ct);
        });
        yield return Spec(b.Ledger, "pool_ledger", "pool_address, kind, amount, value, new_balance, counterparty, rebalance_id", async (w, r, ct) =>
        {
            await w.WriteAsync(r.PoolAddress, NpgsqlDbType.Text, ct);
            await w.WriteAsync((short)r.Kind, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync(r.Amount, NpgsqlDbType.Numeric, ct);
            await WriteNullable(w, r.Value, NpgsqlDbType.Numeric, ct);
            await WriteNullable(w, r.NewBalance, NpgsqlDbType.Numeric, ct);
            await WriteNullable(w, r.Counterparty, NpgsqlDbType.Text, ct);
            await WriteNullable(w, r.RebalanceId, NpgsqlDbType.Bigint, ct);
        });
        yield return Spec(b.Suspensions, "suspension_events", "pool_address, is_suspended, reserve_value, floor_value", async (w, r, ct) =>
        {
            await w.WriteAsync(r.PoolAddress, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.IsSuspended, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(r.ReserveValue, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.FloorValue, NpgsqlDbType.Numeric, ct);
        });
    }

    private static (string, string, Func<NpgsqlBinaryImporter, CancellationToken, Task>, int) Spec<T>(
        List<T> rows, string table, string columns, Func<NpgsqlBinaryImporter, T, CancellationToken, Task> write) where T : ChainLogRow =>
        (table, Common + ", " + columns, async (w, ct) =>
        {
            foreach (var r in rows)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(r.ChainId, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(r.BlockNumber, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(r.LogIndex, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(r.BlockHash, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(r.TxHash, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(r.BlockTime, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(r.ContractAddress, NpgsqlDbType.Varchar, ct);
                await write(w, r, ct);
            }
        }, rows.Count);

    private static async Task WriteNullable<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null) await w.WriteNullAsync(ct);
        else await w.WriteAsync(value, type, ct);
    }
}
