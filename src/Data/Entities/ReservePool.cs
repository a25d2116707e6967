namespace LeveragedTokens.Data.Entities;

/// <summary>A reserve pool, from the registry's ReservePoolRegistered log.</summary>
public sealed class ReservePool : ChainLogRow
{
    public required string Address { get; set; }
    public required string Underlying { get; set; }
    public required int FloorBps { get; set; }
}
