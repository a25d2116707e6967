namespace LeveragedTokens.Data.Queries;

/// <summary>A token series with its pool and registration parameters.</summary>
public sealed record TokenInfo(
    long ChainId, string Symbol, string Address, string PoolAddress, string Underlying, int FloorBps, bool IsLong,
    BigInteger TargetLeverage, BigInteger MinLeverage, BigInteger MaxLeverage, long FallbackIntervalSeconds,
    long RegisteredBlock, string RegisteredTxHash, DateTime RegisteredAt);

/// <summary>The pool's health as of its latest hourly metrics.</summary>
public enum PoolHealth { Unknown, Ok, NearFloor, BelowFloor, Suspended }

public sealed record LatestNav(long Hour, DateTime BlockTime, BigInteger Nav, BigInteger Leverage, BigInteger MarkPrice);

public sealed record RebalanceRef(long ChainId, string TxHash, int LogIndex, long BlockNumber, DateTime BlockTime, RebalanceTrigger Trigger, long RebalanceId);

/// <summary>One line of the overview.</summary>
public sealed record TokenOverview(
    TokenInfo Token, LatestNav? Latest, BigInteger? Nav24hAgo, BigInteger? Nav7dAgo, RebalanceRef? LastRebalance,
    BigInteger? UtilizationBps, DateTime? MetricsTime, bool Suspended, PoolHealth Health);

/// <summary>A rebalance row as lists and the API show it.</summary>
public sealed record RebalanceRow(
    long ChainId, long BlockNumber, int LogIndex, string TxHash, string BlockHash, DateTime BlockTime,
    string TokenAddress, string Symbol, long RebalanceId, RebalanceTrigger Trigger, bool IsBuy,
    BigInteger Amount, BigInteger MarkPrice, BigInteger ExecutionPrice, BigInteger LeverageBefore, BigInteger LeverageAfter,
    BigInteger NavBefore, BigInteger NavAfter, BigInteger NavDelta, BigInteger SlippageCost, BigInteger GasCost, BigInteger ReserveDraw);

/// <summary>
/// Where a keyset page starts: strictly after this row in the page's order. NavDelta is only set
/// when the order is by NAV delta. Text form: "chain.block.log[.navDelta]".
/// </summary>
public sealed record RebalanceCursor(long ChainId, long BlockNumber, int LogIndex, BigInteger? NavDelta = null)
{
    public string Encode() => NavDelta is { } d ? $"{ChainId}.{BlockNumber}.{LogIndex}.{d}" : $"{ChainId}.{BlockNumber}.{LogIndex}";

    public static bool TryParse(string? text, out RebalanceCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (text.Length > 120) return false;
        var parts = text.Split('.');
        if (parts.Length is < 3 or > 4
            || !long.TryParse(parts[0], out var c) || !long.TryParse(parts[1], out var b) || !int.TryParse(parts[2], out var l)
            || c < 0 || b < 0 || l < 0)
            return false;
        BigInteger? delta = null;
        if (parts.Length == 4)
        {
            if (!BigInteger.TryParse(parts[3], System.Globalization.NumberStyles.AllowLeadingSign, null, out var d)) return false;
            delta = d;
        }
        cursor = new RebalanceCursor(c, b, l, delta);
        return true;
    }
}

public enum RebalanceSort { Newest, Oldest, NavDeltaAscending, NavDeltaDescending }

/// <summary>A token is (ChainId, TokenAddress): the same address on two chains is two tokens, so a token filter needs its chain.</summary>
public sealed record RebalanceFilter
{
    public long? ChainId { get; init; }
    public string? TokenAddress { get; init; }
    public RebalanceTrigger? Trigger { get; init; }
    public bool? IsBuy { get; init; }
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    public BigInteger? MinNavDelta { get; init; }
    public BigInteger? MaxNavDelta { get; init; }
}

public sealed record RebalancePage(IReadOnlyList<RebalanceRow> Rows, RebalanceCursor? Next, bool HasMore);

public sealed record RawLog(string EventName, string[] Topics, string Data, int TxIndex);

public sealed record RebalanceDetail(RebalanceRow Rebalance, TokenInfo Token, RawLog? Raw, long? HeadBlock, long? IndexedBlock, int Confirmations)
{
    public long Depth => Data.Confirmations.Depth(HeadBlock, Rebalance.BlockNumber);
    public bool IsConfirmed => Data.Confirmations.IsConfirmed(Depth, Confirmations);
}

public sealed record NavPoint(long Hour, BigInteger Nav, BigInteger Leverage, BigInteger MarkPrice);

public sealed record ReservePoint(
    long Hour, BigInteger ReserveBalance, BigInteger ReserveValue, BigInteger FloorValue, BigInteger TokenSupplyValue,
    BigInteger MaxUtilizationBps, BigInteger MinBufferDepth, BigInteger MarkPrice);

/// <summary>A downsampled series: Bucket is the number of source hours behind each point.</summary>
public sealed record Series<T>(IReadOnlyList<T> Points, int BucketHours);

public sealed record LedgerEntryRow(long BlockNumber, int LogIndex, string TxHash, DateTime BlockTime, LedgerEntryKind Kind, BigInteger Amount, BigInteger? Value, string? Counterparty);

public sealed record DrawsByToken(string TokenAddress, string? Symbol, BigInteger Amount, BigInteger Value, long Count);

/// <summary>One end of a suspension: its RebalancingSuspended or RebalancingResumed log, with the reserve and floor it reported.</summary>
public sealed record SuspensionEdge(
    long ChainId, long BlockNumber, int LogIndex, string TxHash, string BlockHash, DateTime BlockTime, BigInteger ReserveValue, BigInteger FloorValue);

/// <summary>Suspended to resumed; an ongoing suspension has no end.</summary>
public sealed record SuspensionPeriod(SuspensionEdge Suspended, SuspensionEdge? Resumed)
{
    public DateTime Start => Suspended.BlockTime;
    public DateTime? End => Resumed?.BlockTime;

    /// <summary>How long it lasted, or has lasted until <paramref name="now"/> while ongoing.</summary>
    public TimeSpan Duration(DateTime now) => (End ?? now) - Start;
}

/// <summary>A reserve pool's identity: (chain id, address) is unique, the underlying only per chain.</summary>
public sealed record PoolRef(long ChainId, string Address, string Underlying, int FloorBps);

public sealed record PoolInfo(long ChainId, string Address, string Underlying, int FloorBps, IReadOnlyList<TokenInfo> Tokens);

public sealed record IndexerStatus(
    long ChainId, long HeadBlock, long IndexedBlock, int Confirmations, double EventsPerSecond, long ReorgCount,
    string? LastError, DateTime? LastErrorAt, DateTime UpdatedAt, long DecodeFailures, DateTime? LatestBlockTime);

/// <summary>The indexer over one bucket of its polls (indexer_polls): the worst lag, the mean throughput, the counts at the end.</summary>
public sealed record IndexerPollPoint(DateTime At, long HeadBlock, long LagBlocks, double EventsPerSecond, long ReorgCount, long DecodeFailures);

public enum IndexerEventKind { Reorg, DecodeFailure }

/// <summary>Reorgs or undecodable logs first counted by the poll at <paramref name="At"/>: how many, and the total since the indexer started.</summary>
public sealed record IndexerEvent(DateTime At, IndexerEventKind Kind, long Count, long Total);

public sealed record IndexerHistory(IReadOnlyList<IndexerPollPoint> Points, int BucketSeconds, IReadOnlyList<IndexerEvent> Events);

/// <summary>A RebalanceDeferred log: the rebalance a token was due and did not make, and why.</summary>
public sealed record DeferralRow(
    long ChainId, long BlockNumber, int LogIndex, string TxHash, string BlockHash, DateTime BlockTime, string TokenAddress, string Symbol,
    DeferralReason Reason, BigInteger Leverage, BigInteger MarkPrice);

public sealed record DeferralPage(IReadOnlyList<DeferralRow> Rows, RebalanceCursor? Next);

/// <summary>A token whose rebalances are being deferred: the latest reason, since the first deferral after its last rebalance.</summary>
public sealed record DeferredRebalance(
    long ChainId, string TokenAddress, DeferralReason Reason, DateTime LatestAt, DateTime Since, long SinceBlock, int SinceLogIndex, string SinceTxHash);

/// <summary>A pool's runway as of the end of its latest metrics hour.</summary>
public sealed record RunwayReading(long Hour, ReserveRunway Runway);
