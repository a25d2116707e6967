namespace LeveragedTokens.Data;

public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : DbContext(options)
{
    public DbSet<RawEvent> RawEvents => Set<RawEvent>();
    public DbSet<DecodeFailure> DecodeFailures => Set<DecodeFailure>();
    public DbSet<ReservePool> ReservePools => Set<ReservePool>();
    public DbSet<LeveragedToken> Tokens => Set<LeveragedToken>();
    public DbSet<Rebalance> Rebalances => Set<Rebalance>();
    public DbSet<RebalanceDeferral> RebalanceDeferrals => Set<RebalanceDeferral>();
    public DbSet<NavSnapshot> NavSnapshots => Set<NavSnapshot>();
    public DbSet<ReserveMetrics> ReserveMetrics => Set<ReserveMetrics>();
    public DbSet<PoolLedgerEntry> PoolLedger => Set<PoolLedgerEntry>();
    public DbSet<SuspensionEvent> SuspensionEvents => Set<SuspensionEvent>();
    public DbSet<IndexerState> IndexerStates => Set<IndexerState>();
    public DbSet<IndexedBlock> IndexedBlocks => Set<IndexedBlock>();
    public DbSet<IndexerNode> IndexerNodes => Set<IndexerNode>();
    public DbSet<IndexerPoll> IndexerPolls => Set<IndexerPoll>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // uint256 and int256 both fit in 78 decimal digits: stored exactly, never as floating point.
        builder.Properties<BigInteger>().HaveColumnType("numeric(78,0)");
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
}
