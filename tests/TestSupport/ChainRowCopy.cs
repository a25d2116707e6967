using LeveragedTokens.Data.Copy;
using LeveragedTokens.Data.Entities;
using Npgsql;

namespace LeveragedTokens.TestSupport;

/// <summary>Bulk loads for benches: rows streamed into their table with the indexer's model-derived binary COPY.</summary>
public static class ChainRowCopy
{
    public static async Task<TimeSpan> CopyAsync<T>(NpgsqlConnection connection, IEnumerable<T> rows) where T : ChainLogRow
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var copy = new ChainTableCopy<T>(DashboardModel.Instance);
        await using (var importer = await connection.BeginBinaryImportAsync(copy.CopyStatement(staged: false)))
        {
            foreach (var row in rows) copy.WriteRow(importer, row);
            await importer.CompleteAsync();
        }
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }
}
