namespace LeveragedTokens.Data.Queries;

/// <summary>Indexer progress per chain, as the indexer records it.</summary>
public sealed class StatusQueries(IDbContextFactory<DashboardDbContext> factory)
{
    public async Task<IReadOnlyList<IndexerStatus>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var states = await db.IndexerStates.AsNoTracking().OrderBy(s => s.ChainId).ToListAsync(ct);
        var result = new List<IndexerStatus>(states.Count);
        foreach (var s in states)
        {
            var failures = await db.DecodeFailures.LongCountAsync(f => f.ChainId == s.ChainId, ct);
            var latestTime = await db.ChainNowAsync(s.ChainId, ct: ct);
            result.Add(new IndexerStatus(s.ChainId, s.HeadBlock, s.IndexedBlock, s.Confirmations, s.EventsPerSecond, s.ReorgCount,
                s.LastError, s.LastErrorAt, s.UpdatedAt, failures, latestTime));
        }
        return result;
    }

    /// <summary>Every chain's configured nodes as their indexer last recorded them.</summary>
    public async Task<IReadOnlyList<IndexerNode>> NodesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.IndexerNodes.AsNoTracking().OrderBy(n => n.ChainId).ThenBy(n => n.NodeIndex).ToListAsync(ct);
    }

    /// <summary>Logs at watched addresses that did not decode, newest first, kept whole (topics, data, the decoder's error).</summary>
    public async Task<IReadOnlyList<DecodeFailure>> DecodeFailuresAsync(int limit, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.DecodeFailures.AsNoTracking()
            .OrderByDescending(f => f.ChainId).ThenByDescending(f => f.BlockNumber).ThenByDescending(f => f.LogIndex)
            .Take(Math.Clamp(limit, 1, RebalanceQueries.MaxLimit)).ToListAsync(ct);
    }

    /// <summary>The newest chain time the database knows of: the clock for "time to fallback" and "time ago".</summary>
    public async Task<DateTime?> ChainNowAsync(long chainId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var block = await db.IndexedBlocks.AsNoTracking().Where(b => b.ChainId == chainId)
            .OrderByDescending(b => b.Number).Select(b => (DateTime?)b.Timestamp).FirstOrDefaultAsync(ct);
        var snapshot = await db.NavSnapshots.AsNoTracking().Where(n => n.ChainId == chainId)
            .OrderByDescending(n => n.BlockNumber).Select(n => (DateTime?)n.BlockTime).FirstOrDefaultAsync(ct);
        return block > snapshot || snapshot is null ? block : snapshot;
    }
}
