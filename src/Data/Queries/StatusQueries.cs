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

    /// <summary>The chains the database holds: those an indexer reports on, and those with tokens.</summary>
    public async Task<IReadOnlySet<long>> ChainIdsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = await db.IndexerStates.AsNoTracking().Select(s => s.ChainId)
            .Union(db.Tokens.AsNoTracking().Select(t => t.ChainId)).ToListAsync(ct);
        return ids.ToHashSet();
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

    /// <summary>
    /// The indexer's recorded polls in [from, to], in at most <see cref="SeriesQueries.MaxPoints"/> buckets, and where the
    /// reorg and decode-failure counts rose: against the previous bucket, or the poll before the period, or within the bucket.
    /// </summary>
    public async Task<IndexerHistory> HistoryAsync(long chainId, DateTime from, DateTime to, CancellationToken ct = default)
    {
        var bucket = (int)Math.Max(IndexerPolls.EverySeconds, Math.Ceiling((to - from).TotalSeconds / SeriesQueries.MaxPoints));
        await using var db = await factory.CreateDbContextAsync(ct);
        var conn = await SeriesQueries.OpenAsync(db, ct);
        await using var cmd = new NpgsqlCommand("""
            (SELECT at, head_block, head_block - indexed_block, events_per_second, reorg_count, decode_failures, true, reorg_count, decode_failures
             FROM indexer_polls WHERE chain_id = @c AND at < @from ORDER BY at DESC LIMIT 1)
            UNION ALL
            (SELECT max(at), max(head_block), max(head_block - indexed_block), avg(events_per_second), max(reorg_count), max(decode_failures), false,
                    min(reorg_count), min(decode_failures)
             FROM indexer_polls WHERE chain_id = @c AND at BETWEEN @from AND @to
             GROUP BY date_bin(make_interval(secs => @b), at, timestamptz 'epoch'))
            ORDER BY 1
            """, conn);
        cmd.Parameters.AddWithValue("c", chainId);
        cmd.Parameters.AddWithValue("from", from);
        cmd.Parameters.AddWithValue("to", to);
        cmd.Parameters.AddWithValue("b", (double)bucket);
        var points = new List<IndexerPollPoint>();
        var events = new List<IndexerEvent>();
        IndexerPollPoint? previous = null;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var p = new IndexerPollPoint(reader.GetDateTime(0), reader.GetInt64(1), Math.Max(0, reader.GetInt64(2)), reader.GetDouble(3),
                reader.GetInt64(4), reader.GetInt64(5));
            // A rise since the previous bucket, or inside this one (the period's first bucket has only itself to compare with).
            var (reorgsBefore, failuresBefore) = previous is null ? (reader.GetInt64(7), reader.GetInt64(8)) : (previous.ReorgCount, previous.DecodeFailures);
            if (p.ReorgCount > reorgsBefore)
                events.Add(new IndexerEvent(p.At, IndexerEventKind.Reorg, p.ReorgCount - reorgsBefore, p.ReorgCount));
            if (p.DecodeFailures > failuresBefore)
                events.Add(new IndexerEvent(p.At, IndexerEventKind.DecodeFailure, p.DecodeFailures - failuresBefore, p.DecodeFailures));
            if (!reader.GetBoolean(6)) points.Add(p);
            previous = p;
        }
        return new IndexerHistory(points, bucket, events);
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
