using LeveragedTokens.Data.Entities;
using LeveragedTokens.Indexer.Decoding;
using Npgsql;
using NpgsqlTypes;

namespace LeveragedTokens.Indexer.Storage;

/// <summary>How each chain-derived table is written with binary COPY: its columns and one row's values.</summary>
internal static class TableCopies
{
    private const string CommonColumns = "chain_id, block_number, log_index, block_hash, tx_hash, block_time, contract_address";

    // Built once and shared by every batch (static lambdas): describing the tables costs a batch nothing.
    private static readonly TableCopy[] Tables =
    [
        new TableCopy<RawEvent>(static b => b.RawEvents, "raw_events", "tx_index, event_name, topics, data", static async (w, r, ct) =>
        {
            await w.WriteAsync(r.TxIndex, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(r.EventName, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Topics, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Data, NpgsqlDbType.Text, ct);
        }),
        new TableCopy<DecodeFailure>(static b => b.DecodeFailures, "decode_failures", "topics, data, error", static async (w, r, ct) =>
        {
            await w.WriteAsync(r.Topics, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Data, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Error, NpgsqlDbType.Text, ct);
        }),
        new TableCopy<ReservePool>(static b => b.Pools, "reserve_pools", "address, underlying, floor_bps", static async (w, r, ct) =>
        {
            await w.WriteAsync(r.Address, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Underlying, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.FloorBps, NpgsqlDbType.Integer, ct);
        }),
        new TableCopy<LeveragedToken>(static b => b.Tokens, "tokens",
            "address, pool_address, symbol, is_long, target_leverage, min_leverage, max_leverage, fallback_interval_seconds",
            static async (w, r, ct) =>
        {
            await w.WriteAsync(r.Address, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.PoolAddress, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Symbol, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.IsLong, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(r.TargetLeverage, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.MinLeverage, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.MaxLeverage, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.FallbackIntervalSeconds, NpgsqlDbType.Bigint, ct);
        }),
        new TableCopy<Rebalance>(static b => b.Rebalances, "rebalances",
            "token_address, rebalance_id, trigger, is_buy, amount, mark_price, execution_price, leverage_before, leverage_after, " +
            "nav_before, nav_after, nav_delta, slippage_cost, gas_cost, reserve_draw", static async (w, r, ct) =>
        {
            await w.WriteAsync(r.TokenAddress, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.RebalanceId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync((short)r.Trigger, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync(r.IsBuy, NpgsqlDbType.Boolean, ct);
            foreach (var v in new[] { r.Amount, r.MarkPrice, r.ExecutionPrice, r.LeverageBefore, r.LeverageAfter, r.NavBefore, r.NavAfter,
                         r.NavDelta, r.SlippageCost, r.GasCost, r.ReserveDraw })
                await w.WriteAsync(v, NpgsqlDbType.Numeric, ct);
        }),
        new TableCopy<RebalanceDeferral>(static b => b.Deferrals, "rebalance_deferrals", "token_address, reason, leverage, mark_price",
            static async (w, r, ct) =>
        {
            await w.WriteAsync(r.TokenAddress, NpgsqlDbType.Text, ct);
            await w.WriteAsync((short)r.Reason, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync(r.Leverage, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.MarkPrice, NpgsqlDbType.Numeric, ct);
        }),
        new TableCopy<NavSnapshot>(static b => b.NavSnapshots, "nav_snapshots", "token_address, hour, nav, leverage, mark_price, total_supply",
            static async (w, r, ct) =>
        {
            await w.WriteAsync(r.TokenAddress, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Hour, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(r.Nav, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.Leverage, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.MarkPrice, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.TotalSupply, NpgsqlDbType.Numeric, ct);
        }),
        new TableCopy<ReserveMetrics>(static b => b.ReserveMetrics, "reserve_metrics",
            "pool_address, hour, reserve_balance, mark_price, reserve_value, token_supply_value, floor_value, utilization_bps, buffer_depth",
            static async (w, r, ct) =>
        {
            await w.WriteAsync(r.PoolAddress, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Hour, NpgsqlDbType.Bigint, ct);
            foreach (var v in new[] { r.ReserveBalance, r.MarkPrice, r.ReserveValue, r.TokenSupplyValue, r.FloorValue, r.UtilizationBps, r.BufferDepth })
                await w.WriteAsync(v, NpgsqlDbType.Numeric, ct);
        }),
        new TableCopy<PoolLedgerEntry>(static b => b.Ledger, "pool_ledger", "pool_address, kind, amount, value, new_balance, counterparty, rebalance_id",
            static async (w, r, ct) =>
        {
            await w.WriteAsync(r.PoolAddress, NpgsqlDbType.Text, ct);
            await w.WriteAsync((short)r.Kind, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync(r.Amount, NpgsqlDbType.Numeric, ct);
            await WriteNullable(w, r.Value, NpgsqlDbType.Numeric, ct);
            await WriteNullable(w, r.NewBalance, NpgsqlDbType.Numeric, ct);
            await WriteNullable(w, r.Counterparty, NpgsqlDbType.Text, ct);
            await WriteNullable(w, r.RebalanceId, NpgsqlDbType.Bigint, ct);
        }),
        new TableCopy<SuspensionEvent>(static b => b.Suspensions, "suspension_events", "pool_address, is_suspended, reserve_value, floor_value",
            static async (w, r, ct) =>
        {
            await w.WriteAsync(r.PoolAddress, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.IsSuspended, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(r.ReserveValue, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.FloorValue, NpgsqlDbType.Numeric, ct);
        }),
    ];

    /// <summary>Every table keyed by (chain id, block number, log index): what a reorg rewinds.</summary>
    public static readonly string[] LogTables = Tables.Select(t => t.Table).ToArray();

    /// <summary>
    /// COPYs every table the batch has rows for. Via temp tables, the rows are merged with
    /// INSERT ... ON CONFLICT DO NOTHING, so rows that already exist are skipped instead of failing the COPY.
    /// </summary>
    public static async Task CopyAsync(NpgsqlConnection conn, ChainBatch batch, bool viaTempTables, CancellationToken ct)
    {
        foreach (var table in Tables)
        {
            if (table.RowCount(batch) == 0) continue;
            var (name, columns) = (table.Table, table.Columns);
            var target = viaTempTables ? $"tmp_{name}" : name;
            if (viaTempTables) await Exec(conn, $"CREATE TEMP TABLE IF NOT EXISTS tmp_{name} (LIKE {name}) ON COMMIT DROP", ct);
            await using (var importer = await conn.BeginBinaryImportAsync($"COPY {target} ({columns}) FROM STDIN (FORMAT BINARY)", ct))
            {
                await table.WriteRowsAsync(importer, batch, ct);
                await importer.CompleteAsync(ct);
            }
            if (viaTempTables) await Exec(conn, $"INSERT INTO {name} ({columns}) SELECT {columns} FROM tmp_{name} ON CONFLICT DO NOTHING", ct);
        }
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task WriteNullable<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null) await w.WriteNullAsync(ct);
        else await w.WriteAsync(value, type, ct);
    }

    /// <summary>One table: its name, all its columns in COPY order, and how a batch's rows for it are written.</summary>
    private abstract class TableCopy(string table, string ownColumns)
    {
        public string Table { get; } = table;
        public string Columns { get; } = CommonColumns + ", " + ownColumns;
        public abstract int RowCount(ChainBatch batch);
        public abstract Task WriteRowsAsync(NpgsqlBinaryImporter importer, ChainBatch batch, CancellationToken ct);
    }

    /// <summary>A table of <typeparamref name="T"/> rows: the common log columns, then <c>writeOwnValues</c> for the rest.</summary>
    private sealed class TableCopy<T>(
        Func<ChainBatch, List<T>> rowsOf, string table, string ownColumns, Func<NpgsqlBinaryImporter, T, CancellationToken, Task> writeOwnValues)
        : TableCopy(table, ownColumns) where T : ChainLogRow
    {
        public override int RowCount(ChainBatch batch) => rowsOf(batch).Count;

        public override async Task WriteRowsAsync(NpgsqlBinaryImporter w, ChainBatch batch, CancellationToken ct)
        {
            foreach (var r in rowsOf(batch))
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(r.ChainId, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(r.BlockNumber, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(r.LogIndex, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(r.BlockHash, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(r.TxHash, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(r.BlockTime, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(r.ContractAddress, NpgsqlDbType.Varchar, ct);
                await writeOwnValues(w, r, ct);
            }
        }
    }
}
