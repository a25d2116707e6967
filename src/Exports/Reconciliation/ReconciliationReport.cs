using System.Text.Json;

namespace LeveragedTokens.Exports.Reconciliation;

/// <summary>The checks a reconciliation runs; each finding names one.</summary>
public static class ReconciliationChecks
{
    /// <summary>The balance rebuilt from ReserveDrawn/FeesAllocated/CapitalInjected vs each published newBalance.</summary>
    public const string LedgerNewBalance = "ledger-new-balance";
    /// <summary>The rebuilt balance vs every ReserveMetricsPublished.reserveBalance.</summary>
    public const string ReserveBalance = "reserve-balance";
    /// <summary>reserveValue = balance*mark/1e18, bufferDepth = reserveValue - floorValue, utilizationBps = floor*10000/value.</summary>
    public const string MetricsIdentity = "metrics-identity";
    /// <summary>navAfter = navBefore - (slippage + gas - reserveDraw) * 1e18 / totalSupply, within one wei.</summary>
    public const string NavIdentity = "nav-identity";
    /// <summary>The stored nav_delta equals navAfter - navBefore.</summary>
    public const string NavDelta = "nav-delta";
    /// <summary>rebalanceId counts 1, 2, 3... per token, no gaps, no repeats.</summary>
    public const string RebalanceIds = "rebalance-ids";
    /// <summary>Each ReserveDrawn pairs with its token's Rebalanced (same tx, id, value = reserveDraw) and back.</summary>
    public const string DrawMatchesRebalance = "draw-matches-rebalance";
    /// <summary>The database rows vs eth_getLogs over the period (on demand, needs an RPC node).</summary>
    public const string ChainLogs = "chain-logs";
}

/// <summary>One mismatch, located by its log so an auditor can look it up on an explorer.</summary>
public sealed record ReconciliationFinding(
    string Check, string Contract, long BlockNumber, int LogIndex, string TxHash, DateTime? BlockTime,
    string Subject, string? Expected, string? Actual, string Detail);

public sealed record CheckSummary(string Check, long Checked, long Mismatches, long Unverifiable = 0, string? Note = null);

public sealed record ReconciliationReport
{
    public required ReconciliationQuery Query { get; init; }
    public required string Pool { get; init; }
    public required IReadOnlyList<string> Tokens { get; init; }
    public required IReadOnlyList<CheckSummary> Checks { get; init; }
    public required IReadOnlyList<ReconciliationFinding> Findings { get; init; }
    public required IReadOnlyList<IndexerCheckpoint> IndexerCheckpoints { get; init; }
    /// <summary>Stated tolerance of the NAV identity, in wei of NAV.</summary>
    public required int NavToleranceWei { get; init; }
    public required string SoftwareVersion { get; init; }
    public required DateTime GeneratedAt { get; init; }

    public bool Clean => Findings.Count == 0;

    public string ToJson() => JsonSerializer.Serialize(this, ExportManifest.JsonOptions);
}
