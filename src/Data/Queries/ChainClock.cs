namespace LeveragedTokens.Data.Queries;

/// <summary>"Chain now": the one query for the latest chain time, for the status page and the alert rules alike.</summary>
public static class ChainClock
{
    /// <summary>
    /// The newest chain time at or below <paramref name="block"/> (all blocks when null): the block headers the
    /// indexer keeps near the head, else the newest hourly publication; null before any.
    /// </summary>
    public static async Task<DateTime?> ChainNowAsync(this DashboardDbContext db, long chainId, long? block = null, CancellationToken ct = default)
    {
        var upTo = block ?? long.MaxValue;
        var header = await db.IndexedBlocks.AsNoTracking()
            .Where(b => b.ChainId == chainId && b.Number <= upTo).MaxAsync(b => (DateTime?)b.Timestamp, ct);
        var metrics = await db.ReserveMetrics.AsNoTracking()
            .Where(m => m.ChainId == chainId && m.BlockNumber <= upTo).MaxAsync(m => (DateTime?)m.BlockTime, ct);
        var snapshots = await db.NavSnapshots.AsNoTracking()
            .Where(m => m.ChainId == chainId && m.BlockNumber <= upTo).MaxAsync(m => (DateTime?)m.BlockTime, ct);
        return new[] { header, metrics, snapshots }.Max() is { } latest ? DateTime.SpecifyKind(latest, DateTimeKind.Utc) : null;
    }
}
