using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeveragedTokens.Data.Configurations;

/// <summary>The key every chain-derived row shares: one log, one row.</summary>
internal static class ChainLogRowConfiguration
{
    public static EntityTypeBuilder<T> HasLogKey<T>(this EntityTypeBuilder<T> entity, string table) where T : ChainLogRow
    {
        entity.ToTable(table);
        entity.HasKey(e => new { e.ChainId, e.BlockNumber, e.LogIndex });
        entity.Property(e => e.BlockHash).HasMaxLength(66);
        entity.Property(e => e.TxHash).HasMaxLength(66);
        entity.Property(e => e.ContractAddress).HasMaxLength(42);
        entity.HasIndex(e => new { e.ChainId, e.TxHash });
        return entity;
    }
}
