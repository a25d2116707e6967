using LeveragedTokens.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeveragedTokens.Data.Configurations;

internal sealed class RawEventConfiguration : IEntityTypeConfiguration<RawEvent>
{
    public void Configure(EntityTypeBuilder<RawEvent> entity)
    {
        entity.HasLogKey("raw_events");
        entity.HasIndex(e => new { e.ChainId, e.ContractAddress, e.BlockNumber });
    }
}

internal sealed class DecodeFailureConfiguration : IEntityTypeConfiguration<DecodeFailure>
{
    public void Configure(EntityTypeBuilder<DecodeFailure> entity) => entity.HasLogKey("decode_failures");
}

internal sealed class ReservePoolConfiguration : IEntityTypeConfiguration<ReservePool>
{
    public void Configure(EntityTypeBuilder<ReservePool> entity)
    {
        entity.HasLogKey("reserve_pools");
        entity.HasIndex(e => new { e.ChainId, e.Address }).IsUnique();
        entity.HasIndex(e => e.Underlying);
    }
}

internal sealed class LeveragedTokenConfiguration : IEntityTypeConfiguration<LeveragedToken>
{
    public void Configure(EntityTypeBuilder<LeveragedToken> entity)
    {
        entity.HasLogKey("tokens");
        entity.HasIndex(e => new { e.ChainId, e.Address }).IsUnique();
        entity.HasIndex(e => e.Symbol);
    }
}

internal sealed class RebalanceConfiguration : IEntityTypeConfiguration<Rebalance>
{
    public void Configure(EntityTypeBuilder<Rebalance> entity)
    {
        entity.HasLogKey("rebalances");
        // Keyset pagination per token, newest first.
        entity.HasIndex(e => new { e.TokenAddress, e.BlockNumber, e.LogIndex });
        entity.HasIndex(e => new { e.TokenAddress, e.RebalanceId });
        // Keyset pagination of the history sorted by NAV delta (the grid's "worst rebalances" view).
        entity.HasIndex(e => new { e.NavDelta, e.ChainId, e.BlockNumber, e.LogIndex });
        entity.HasIndex(e => e.BlockTime);
    }
}

internal sealed class RebalanceDeferralConfiguration : IEntityTypeConfiguration<RebalanceDeferral>
{
    public void Configure(EntityTypeBuilder<RebalanceDeferral> entity)
    {
        entity.HasLogKey("rebalance_deferrals");
        entity.HasIndex(e => new { e.TokenAddress, e.BlockNumber });
    }
}

internal sealed class NavSnapshotConfiguration : IEntityTypeConfiguration<NavSnapshot>
{
    public void Configure(EntityTypeBuilder<NavSnapshot> entity)
    {
        entity.HasLogKey("nav_snapshots");
        entity.HasIndex(e => new { e.TokenAddress, e.Hour });
    }
}

internal sealed class ReserveMetricsConfiguration : IEntityTypeConfiguration<ReserveMetrics>
{
    public void Configure(EntityTypeBuilder<ReserveMetrics> entity)
    {
        entity.HasLogKey("reserve_metrics");
        entity.HasIndex(e => new { e.PoolAddress, e.Hour });
    }
}

internal sealed class PoolLedgerEntryConfiguration : IEntityTypeConfiguration<PoolLedgerEntry>
{
    public void Configure(EntityTypeBuilder<PoolLedgerEntry> entity)
    {
        entity.HasLogKey("pool_ledger");
        entity.HasIndex(e => new { e.PoolAddress, e.BlockNumber, e.LogIndex });
    }
}

internal sealed class SuspensionEventConfiguration : IEntityTypeConfiguration<SuspensionEvent>
{
    public void Configure(EntityTypeBuilder<SuspensionEvent> entity)
    {
        entity.HasLogKey("suspension_events");
        entity.HasIndex(e => new { e.PoolAddress, e.BlockNumber });
    }
}

internal sealed class IndexerStateConfiguration : IEntityTypeConfiguration<IndexerState>
{
    public void Configure(EntityTypeBuilder<IndexerState> entity)
    {
        entity.ToTable("indexer_state");
        entity.HasKey(e => e.ChainId);
        entity.Property(e => e.ChainId).ValueGeneratedNever();
    }
}

internal sealed class IndexedBlockConfiguration : IEntityTypeConfiguration<IndexedBlock>
{
    public void Configure(EntityTypeBuilder<IndexedBlock> entity)
    {
        entity.ToTable("indexed_blocks");
        entity.HasKey(e => new { e.ChainId, e.Number });
    }
}
