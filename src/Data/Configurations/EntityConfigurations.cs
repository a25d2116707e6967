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
        // A token is (chain, address): every per-token index leads with the chain, so the same address on two
        // chains stays two tokens. Keyset pagination per token, newest first; the included columns answer a
        // token's sum of NAV deltas over a block range, and time-range filters, from the index alone.
        entity.HasIndex(e => new { e.ChainId, e.TokenAddress, e.BlockNumber, e.LogIndex })
            .IncludeProperties(e => new { e.BlockTime, e.NavDelta });
        entity.HasIndex(e => new { e.ChainId, e.TokenAddress, e.RebalanceId });
        // Keyset pagination of the history sorted by NAV delta (the grid's "worst rebalances" view).
        entity.HasIndex(e => new { e.NavDelta, e.ChainId, e.BlockNumber, e.LogIndex });
        entity.HasIndex(e => new { e.ChainId, e.BlockTime });
    }
}

internal sealed class RebalanceDeferralConfiguration : IEntityTypeConfiguration<RebalanceDeferral>
{
    public void Configure(EntityTypeBuilder<RebalanceDeferral> entity)
    {
        entity.HasLogKey("rebalance_deferrals");
        entity.HasIndex(e => new { e.ChainId, e.TokenAddress, e.BlockNumber });
    }
}

internal sealed class NavSnapshotConfiguration : IEntityTypeConfiguration<NavSnapshot>
{
    public void Configure(EntityTypeBuilder<NavSnapshot> entity)
    {
        entity.HasLogKey("nav_snapshots");
        // Covering: downsampled NAV series and realized volatility over years of hours read only the index.
        entity.HasIndex(e => new { e.ChainId, e.TokenAddress, e.Hour })
            .IncludeProperties(e => new { e.Nav, e.Leverage, e.MarkPrice });
    }
}

internal sealed class ReserveMetricsConfiguration : IEntityTypeConfiguration<ReserveMetrics>
{
    public void Configure(EntityTypeBuilder<ReserveMetrics> entity)
    {
        entity.HasLogKey("reserve_metrics");
        // Covering: one row per pool and hour keeps it small, and downsampled series read only the index.
        entity.HasIndex(e => new { e.ChainId, e.PoolAddress, e.Hour })
            .IncludeProperties(e => new { e.ReserveBalance, e.ReserveValue, e.FloorValue, e.TokenSupplyValue,
                e.UtilizationBps, e.BufferDepth, e.MarkPrice });
    }
}

internal sealed class PoolLedgerEntryConfiguration : IEntityTypeConfiguration<PoolLedgerEntry>
{
    public void Configure(EntityTypeBuilder<PoolLedgerEntry> entity)
    {
        entity.HasLogKey("pool_ledger");
        // Covering: draws summed by token over a block range (a pool's "all" view) read only the index.
        entity.HasIndex(e => new { e.ChainId, e.PoolAddress, e.BlockNumber, e.LogIndex })
            .IncludeProperties(e => new { e.Kind, e.BlockTime, e.Counterparty, e.Amount, e.Value });
        // Fees and injections, newest first: a few rows among a pool's draws, which would otherwise all be skipped.
        entity.HasIndex(e => new { e.ChainId, e.PoolAddress, e.BlockNumber, e.LogIndex }, "Inflows")
            .HasDatabaseName("ix_pool_ledger_inflows")
            .HasFilter($"kind <> {(short)LedgerEntryKind.ReserveDrawn}");
    }
}

internal sealed class SuspensionEventConfiguration : IEntityTypeConfiguration<SuspensionEvent>
{
    public void Configure(EntityTypeBuilder<SuspensionEvent> entity)
    {
        entity.HasLogKey("suspension_events");
        entity.HasIndex(e => new { e.ChainId, e.PoolAddress, e.BlockNumber });
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

internal sealed class IndexerPollConfiguration : IEntityTypeConfiguration<IndexerPoll>
{
    public void Configure(EntityTypeBuilder<IndexerPoll> entity)
    {
        entity.ToTable("indexer_polls");
        entity.HasKey(e => new { e.ChainId, e.At });
    }
}

internal sealed class IndexerNodeConfiguration : IEntityTypeConfiguration<IndexerNode>
{
    public void Configure(EntityTypeBuilder<IndexerNode> entity)
    {
        entity.ToTable("indexer_nodes");
        entity.HasKey(e => new { e.ChainId, e.NodeIndex });
        entity.Property(e => e.State).HasConversion<string>();
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
