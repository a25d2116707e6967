using LeveragedTokens.Chain;
using LeveragedTokens.Data.Sql;
using Npgsql;

namespace LeveragedTokens.Indexer.Storage;

/// <summary>Reads and updates the indexer's own bookkeeping: checkpoint, window, watchlist, status.</summary>
public sealed class ChainStateStore(NpgsqlDataSource dataSource)
{
    public sealed record Checkpoint(long IndexedBlock, string? IndexedBlockHash);

    /// <summary>Creates the state row on first start: nothing before startBlock is read.</summary>
    public async Task<Checkpoint> EnsureAsync(long chainId, long startBlock, int confirmations, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(IndexerSql.EnsureState);
        cmd.Parameters.AddWithValue("chain", chainId);
        cmd.Parameters.AddWithValue("start", startBlock);
        cmd.Parameters.AddWithValue("conf", confirmations);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Checkpoint(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    public async Task<Checkpoint> LoadAsync(long chainId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(IndexerSql.Checkpoint);
        cmd.Parameters.AddWithValue("chain", chainId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"No indexer_state row for chain {chainId}");
        return new Checkpoint(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    /// <summary>Stored hashes of the unfinalized window, by block number.</summary>
    public async Task<SortedDictionary<long, string>> LoadWindowAsync(long chainId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(IndexerSql.Window);
        cmd.Parameters.AddWithValue("chain", chainId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var window = new SortedDictionary<long, string>();
        while (await reader.ReadAsync(ct)) window[reader.GetInt64(0)] = reader.GetString(1);
        return window;
    }

    /// <summary>Pools and tokens registered so far, with the block they were registered in.</summary>
    public async Task<List<(string Address, long Block, bool IsPool)>> LoadRegisteredAsync(long chainId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(IndexerSql.Registered);
        cmd.Parameters.AddWithValue("chain", chainId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new List<(string, long, bool)>();
        while (await reader.ReadAsync(ct)) result.Add((reader.GetString(0), reader.GetInt64(1), reader.GetBoolean(2)));
        return result;
    }

    /// <summary>Head, lag and throughput for the status page.</summary>
    public async Task UpdateStatusAsync(long chainId, long head, double eventsPerSecond, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(IndexerSql.UpdateStatus);
        cmd.Parameters.AddWithValue("chain", chainId);
        cmd.Parameters.AddWithValue("head", head);
        cmd.Parameters.AddWithValue("eps", eventsPerSecond);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The nodes as the RPC client sees them now: the status page and /metrics read them.</summary>
    public async Task UpdateNodesAsync(long chainId, IReadOnlyList<RpcNodeStatus> nodes, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(IndexerSql.WriteNodes);
        cmd.Parameters.AddWithValue("chain", chainId);
        cmd.Parameters.AddWithValue("i", nodes.Select(n => n.Index).ToArray());
        cmd.Parameters.AddWithValue("name", nodes.Select(n => n.Name).ToArray());
        cmd.Parameters.AddWithValue("state", nodes.Select(n => n.State.ToString()).ToArray());
        cmd.Parameters.AddWithValue("node_chain", nodes.Select(n => n.ChainId).ToArray());
        cmd.Parameters.AddWithValue("head", nodes.Select(n => n.Head).ToArray());
        cmd.Parameters.AddWithValue("latency", nodes.Select(n => n.LatencyMs).ToArray());
        cmd.Parameters.AddWithValue("failures", nodes.Select(n => n.ConsecutiveFailures).ToArray());
        cmd.Parameters.AddWithValue("failovers", nodes.Select(n => n.Failovers).ToArray());
        cmd.Parameters.AddWithValue("error", nodes.Select(n => n.LastError).ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task SetWriterAsync(long chainId, string writer, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(IndexerSql.SetWriter);
        cmd.Parameters.AddWithValue("chain", chainId);
        cmd.Parameters.AddWithValue("writer", writer);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task RecordErrorAsync(long chainId, string? error, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(IndexerSql.RecordError);
        cmd.Parameters.AddWithValue("chain", chainId);
        cmd.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
