using LeveragedTokens.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeveragedTokens.Data.Configurations;

internal sealed class TokenHourlyConfiguration : IEntityTypeConfiguration<TokenHourly>
{
    public void Configure(EntityTypeBuilder<TokenHourly> entity)
    {
        entity.ToTable("token_hourly");
        // The key is the ON CONFLICT target of the roll-up job, and serves a token's series by hour.
        entity.HasKey(e => new { e.ChainId, e.TokenAddress, e.Hour });
        entity.Property(e => e.TokenAddress).HasMaxLength(42);
        // The job's watermark (latest hour per chain) and its window delete.
        entity.HasIndex(e => new { e.ChainId, e.Hour });
    }
}

internal sealed class PoolHourlyConfiguration : IEntityTypeConfiguration<PoolHourly>
{
    public void Configure(EntityTypeBuilder<PoolHourly> entity)
    {
        entity.ToTable("pool_hourly");
        entity.HasKey(e => new { e.ChainId, e.PoolAddress, e.Hour });
        entity.Property(e => e.PoolAddress).HasMaxLength(42);
        entity.HasIndex(e => new { e.ChainId, e.Hour });
    }
}
