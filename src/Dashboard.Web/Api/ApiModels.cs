using LeveragedTokens.Protocol;

namespace LeveragedTokens.Dashboard.Web.Api;

public sealed record ChainRef(long ChainId, long BlockNumber, int LogIndex, string TxHash, string BlockHash, DateTime BlockTime, string? ExplorerUrl);

public sealed record TokenDto(
    string Symbol, long ChainId, string Address, string PoolAddress, string Underlying, bool IsLong,
    ExactValue TargetLeverage, ExactValue MinLeverage, ExactValue MaxLeverage, long FallbackIntervalSeconds, int PoolFloorBps,
    ExactValue? Nav, ExactValue? Leverage, long? NavHour, DateTime? NavTime, string? NavChange24h, string? NavChange7d,
    string PoolHealth, ExactValue? PoolUtilizationBps, RebalanceLinkDto? LastRebalance);

public sealed record RebalanceLinkDto(string TxHash, int LogIndex, long RebalanceId, string Trigger, DateTime BlockTime, string Href);

public sealed record NavPointDto(long Hour, DateTime Time, ExactValue Nav, ExactValue Leverage, ExactValue MarkPrice);

public sealed record SeriesDto<T>(string Key, long ChainId, DateTime? From, DateTime? To, int ResolutionHours, int Count, IReadOnlyList<T> Points);

/// <summary>A rebalance; Page is its detail page on the dashboard (chain-scoped), which chart markers link to.</summary>
public sealed record RebalanceDto(
    ChainRef Source, string Token, string TokenAddress, long RebalanceId, string Trigger, string Direction,
    ExactValue Amount, ExactValue MarkPrice, ExactValue ExecutionPrice, ExactValue LeverageBefore, ExactValue LeverageAfter,
    ExactValue NavBefore, ExactValue NavAfter, ExactValue NavDelta, ExactValue SlippageCost, ExactValue GasCost, ExactValue ReserveDraw,
    string Page);

public sealed record RebalancePageDto(IReadOnlyList<RebalanceDto> Items, string? NextCursor);

public sealed record RawLogDto(string EventName, string[] Topics, string Data, int TxIndex);

public sealed record RebalanceDetailDto(RebalanceDto Rebalance, RawLogDto? RawLog, long? HeadBlock, long Confirmations, int RequiredConfirmations, bool Confirmed);

/// <summary>A reserve pool: (chain id, address) is unique, the underlying only per chain.</summary>
public sealed record PoolDto(long ChainId, string Underlying, string Address, int FloorBps);

public sealed record ReservePointDto(
    long Hour, DateTime Time, ExactValue ReserveBalance, ExactValue ReserveValue, ExactValue FloorValue, ExactValue TokenSupplyValue,
    ExactValue MaxUtilizationBps, ExactValue MinBufferDepth, ExactValue MarkPrice);

public sealed record StatusDto(IReadOnlyList<ChainStatusDto> Chains, bool Stale);

/// <summary>
/// One indexed chain: its name and explorer (settings), how far the indexer is, and its status ("live", or "stale" by the
/// same rule as the freshness banner); its RPC nodes up (in use or healthy standby) of those configured.
/// </summary>
public sealed record ChainDto(long ChainId, string Name, string? Explorer, long HeadBlock, long IndexedBlock, long LagBlocks,
    string Status, DateTime UpdatedAt, int NodesUp, int Nodes);

/// <summary>A measured figure (not a chain integer), as a string like the exact values, so charts read every series the same way.</summary>
public sealed record Figure(string Value);

/// <summary>The indexer over one bucket of polls: the worst lag in blocks, mean events/s, the counts at the bucket's end.</summary>
public sealed record IndexerPollDto(DateTime Time, long HeadBlock, Figure LagBlocks, Figure EventsPerSecond, long ReorgCount, long DecodeFailures);

/// <summary>Reorgs (kind "reorg") or undecodable logs ("decode-failure") first counted by the poll at Time.</summary>
public sealed record IndexerEventDto(DateTime Time, string Kind, long Count, long Total, string Title);

public sealed record IndexerHistoryDto(long ChainId, DateTime From, DateTime To, int BucketSeconds, int Count,
    IReadOnlyList<IndexerPollDto> Points, IReadOnlyList<IndexerEventDto> Events);

/// <summary>A log that did not decode, whole: where it is on chain, what it held and why it was refused.</summary>
public sealed record DecodeFailureDto(
    long ChainId, long BlockNumber, string BlockHash, DateTime BlockTime, string TxHash, int LogIndex, string Address,
    IReadOnlyList<string> Topics, string Data, string Error);

public sealed record ChainStatusDto(
    long ChainId, long HeadBlock, long IndexedBlock, long LagBlocks, int Confirmations, double EventsPerSecond, long ReorgCount,
    long DecodeFailures, string? LastError, DateTime? LastErrorAt, DateTime UpdatedAt, bool Stale);

/// <summary>A deferred rebalance: the token was due one and did not trade, with the reason and the leverage it had.</summary>
public sealed record DeferralDto(ChainRef Source, string Token, string TokenAddress, string Reason, ExactValue Leverage, ExactValue MarkPrice);

public sealed record DeferralPageDto(IReadOnlyList<DeferralDto> Items, string? NextCursor);

/// <summary>The RebalancingSuspended or RebalancingResumed log at one end of a suspension, with what it reported.</summary>
public sealed record SuspensionEdgeDto(ChainRef Source, ExactValue ReserveValue, ExactValue FloorValue);

/// <summary>A suspension of a pool's rebalancing: Resumed is null while ongoing (the duration then runs to chain now).</summary>
public sealed record SuspensionDto(SuspensionEdgeDto Suspended, SuspensionEdgeDto? Resumed, bool Ongoing, long DurationSeconds, IReadOnlyList<string> TokensHeldBack);

/// <summary>
/// Runway: buffer depth over the average hourly draw of the window before AsOf (the end of the latest metrics hour).
/// Hours is null when nothing was drawn in the window (unlimited), negative below the floor.
/// </summary>
public sealed record RunwayDto(long ChainId, long Hour, DateTime AsOf, decimal WindowHours, ExactValue BufferDepth, ExactValue Drawn, ExactValue DrawPerHour, double? Hours);
