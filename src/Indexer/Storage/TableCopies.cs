using LeveragedTokens.Data.Copy;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Indexer.Decoding;
using Npgsql;

namespace LeveragedTokens.Indexer.Storage;

/// <summary>Which rows of a batch go to which chain table; the tables' columns come from the EF model (<see cref="ChainTableCopy{T}"/>).</summary>
internal static class TableCopies
{
    // Built once and shared by every batch: describing the tables costs a batch nothing.
    private static readonly TableCopy[] Tables =
    [
        new TableCopy<RawEvent>(static b => b.RawEvents),
        new TableCopy<DecodeFailure>(static b => b.DecodeFailures),
        new TableCopy<ReservePool>(static b => b.Pools),
        new TableCopy<LeveragedToken>(static b => b.Tokens),
        new TableCopy<Rebalance>(static b => b.Rebalances),
        new TableCopy<RebalanceDeferral>(static b => b.Deferrals),
        new TableCopy<NavSnapshot>(static b => b.NavSnapshots),
        new TableCopy<ReserveMetrics>(static b => b.ReserveMetrics),
        new TableCopy<PoolLedgerEntry>(static b => b.Ledger),
        new TableCopy<SuspensionEvent>(static b => b.Suspensions),
    ];

    /// <summary>Every table keyed by (chain id, block number, log index): what a reorg rewinds.</summary>
    public static readonly string[] LogTables = Tables.Select(t => t.Copy.Table).ToArray();

    /// <summary>The tables and COPY column lists the indexer writes (what the schema test holds against the model and the database).</summary>
    public static IEnumerable<(string Table, IReadOnlyList<string> Columns)> ColumnLists => Tables.Select(t => (t.Copy.Table, t.Copy.Columns));

    /// <summary>
    /// COPYs every table the batch has rows for. Via temp tables, the rows are merged with
    /// INSERT ... ON CONFLICT DO NOTHING, so rows that already exist are skipped instead of failing the COPY.
    /// </summary>
    public static async Task CopyAsync(NpgsqlConnection conn, ChainBatch batch, bool viaTempTables, CancellationToken ct)
    {
        foreach (var table in Tables)
        {
            if (table.RowCount(batch) == 0) continue;
            if (viaTempTables) await Exec(conn, table.Copy.CreateStagingStatement, ct);
            await using (var importer = await conn.BeginBinaryImportAsync(table.Copy.CopyStatement(staged: viaTempTables), ct))
            {
                table.WriteRows(importer, batch);
                await importer.CompleteAsync(ct);
            }
            if (viaTempTables) await Exec(conn, table.Copy.MergeStagedStatement, ct);
        }
    }

    /// <summary>One statement without parameters on the batch's connection.</summary>
    public static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private abstract class TableCopy
    {
        public abstract ChainTableCopy Copy { get; }
        public abstract int RowCount(ChainBatch batch);
        public abstract void WriteRows(NpgsqlBinaryImporter importer, ChainBatch batch);
    }

    /// <summary>The batch's <typeparamref name="T"/> rows, written by the model's plan for their table.</summary>
    private sealed class TableCopy<T>(Func<ChainBatch, List<T>> rowsOf) : TableCopy where T : ChainLogRow
    {
        private readonly ChainTableCopy<T> _copy = new(DashboardModel.Instance);

        public override ChainTableCopy Copy => _copy;
        public override int RowCount(ChainBatch batch) => rowsOf(batch).Count;

        public override void WriteRows(NpgsqlBinaryImporter importer, ChainBatch batch)
        {
            foreach (var row in rowsOf(batch)) _copy.WriteRow(importer, row);
        }
    }
}
