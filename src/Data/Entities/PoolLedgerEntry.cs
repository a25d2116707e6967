namespace LeveragedTokens.Data.Entities;

public enum LedgerEntryKind : short { ReserveDrawn = 0, FeesAllocated = 1, CapitalInjected = 2 }

/// <summary>
/// One change to a pool's reserve balance. The balance at any block is the sum of these,
/// which lets the ledger be checked against every published reserveBalance.
/// </summary>
public sealed class PoolLedgerEntry : ChainLogRow
{
    public required string PoolAddress { get; set; }
    public required LedgerEntryKind Kind { get; set; }
    /// <summary>Underlying units; positive for fees and injections, the drawn amount for draws.</summary>
    public required BigInteger Amount { get; set; }
    /// <summary>Quote value of a draw; null for fees and injections.</summary>
    public BigInteger? Value { get; set; }
    /// <summary>Balance after the entry as published by fees/injections; null for draws.</summary>
    public BigInteger? NewBalance { get; set; }
    /// <summary>Token drawn for (draws) or sender (injections).</summary>
    public string? Counterparty { get; set; }
    public long? RebalanceId { get; set; }
}
