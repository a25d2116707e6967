using LeveragedTokens.Chain;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Protocol.Events;
using static LeveragedTokens.Indexer.Decoding.EventCatalog;

namespace LeveragedTokens.Indexer.Decoding;

/// <summary>
/// Decodes a well-shaped log with its Nethereum DTO and prepares the read-model row. Returns the
/// action that adds the row, so a log that throws while decoding adds nothing anywhere.
/// </summary>
internal static class ReadModelProjector
{
    public static Action? Project(RpcLog log, EventShape shape, WatchRole role, ChainBatch batch, LogDecoder d)
    {
        var (t, data) = (log.Topics, log.Data);
        switch (role)
        {
            case WatchRole.Registry when shape == ReservePoolRegistered:
            {
                var e = Decode<ReservePoolRegisteredEvent>(t, data);
                var row = new ReservePool { Address = e.Pool.ToLowerInvariant(), Underlying = e.Underlying, FloorBps = e.FloorBps }.At(d.OriginOf(log));
                return () => batch.Pools.Add(row);
            }
            case WatchRole.Registry when shape == TokenRegistered:
            {
                var e = Decode<TokenRegisteredEvent>(t, data);
                var row = new LeveragedToken { Address = e.Token.ToLowerInvariant(), PoolAddress = e.Pool.ToLowerInvariant(), Symbol = e.Symbol,
                    IsLong = e.IsLong, TargetLeverage = e.TargetLeverage, MinLeverage = e.MinLeverage, MaxLeverage = e.MaxLeverage,
                    FallbackIntervalSeconds = e.FallbackInterval }.At(d.OriginOf(log));
                return () => batch.Tokens.Add(row);
            }
            case WatchRole.Token when shape == Rebalanced:
            {
                var e = Decode<RebalancedEvent>(t, data);
                var row = new Rebalance { TokenAddress = log.Address, RebalanceId = Int64(e.RebalanceId, "rebalanceId"),
                    Trigger = (RebalanceTrigger)e.Trigger, IsBuy = e.IsBuy, Amount = e.Amount, MarkPrice = e.MarkPrice,
                    ExecutionPrice = e.ExecutionPrice, LeverageBefore = e.LeverageBefore, LeverageAfter = e.LeverageAfter,
                    NavBefore = e.NavBefore, NavAfter = e.NavAfter, NavDelta = e.NavAfter - e.NavBefore,
                    SlippageCost = e.SlippageCost, GasCost = e.GasCost, ReserveDraw = e.ReserveDraw }.At(d.OriginOf(log));
                return () => batch.Rebalances.Add(row);
            }
            case WatchRole.Token when shape == RebalanceDeferred:
            {
                var e = Decode<RebalanceDeferredEvent>(t, data);
                var row = new RebalanceDeferral { TokenAddress = log.Address, Reason = (DeferralReason)e.Reason, Leverage = e.Leverage, MarkPrice = e.MarkPrice }.At(d.OriginOf(log));
                return () => batch.Deferrals.Add(row);
            }
            case WatchRole.Token when shape == EventCatalog.NavSnapshot:
            {
                var e = Decode<NavSnapshotEvent>(t, data);
                var row = new LeveragedTokens.Data.Entities.NavSnapshot { TokenAddress = log.Address, Hour = Int64(e.Hour, "hour"), Nav = e.Nav,
                    Leverage = e.Leverage, MarkPrice = e.MarkPrice, TotalSupply = e.TotalSupply }.At(d.OriginOf(log));
                return () => batch.NavSnapshots.Add(row);
            }
            case WatchRole.Pool when shape == ReserveMetricsPublished:
            {
                var e = Decode<ReserveMetricsPublishedEvent>(t, data);
                var row = new ReserveMetrics { PoolAddress = log.Address, Hour = Int64(e.Hour, "hour"), ReserveBalance = e.ReserveBalance,
                    MarkPrice = e.MarkPrice, ReserveValue = e.ReserveValue, TokenSupplyValue = e.TokenSupplyValue, FloorValue = e.FloorValue,
                    UtilizationBps = e.UtilizationBps, BufferDepth = e.BufferDepth }.At(d.OriginOf(log));
                return () => batch.ReserveMetrics.Add(row);
            }
            case WatchRole.Pool when shape == ReserveDrawn:
            {
                var e = Decode<ReserveDrawnEvent>(t, data);
                var row = Ledger(d, log, LedgerEntryKind.ReserveDrawn, e.Amount, e.Value, null, e.Token.ToLowerInvariant(), Int64(e.RebalanceId, "rebalanceId"));
                return () => batch.Ledger.Add(row);
            }
            case WatchRole.Pool when shape == FeesAllocated:
            {
                var e = Decode<FeesAllocatedEvent>(t, data);
                var row = Ledger(d, log, LedgerEntryKind.FeesAllocated, e.Amount, null, e.NewBalance, null, null);
                return () => batch.Ledger.Add(row);
            }
            case WatchRole.Pool when shape == CapitalInjected:
            {
                var e = Decode<CapitalInjectedEvent>(t, data);
                var row = Ledger(d, log, LedgerEntryKind.CapitalInjected, e.Amount, null, e.NewBalance, e.From.ToLowerInvariant(), null);
                return () => batch.Ledger.Add(row);
            }
            case WatchRole.Pool when shape == RebalancingSuspended || shape == RebalancingResumed:
            {
                var suspended = shape == RebalancingSuspended;
                var (reserve, floor) = suspended
                    ? Decode<RebalancingSuspendedEvent>(t, data) is var s ? (s.ReserveValue, s.FloorValue) : default
                    : Decode<RebalancingResumedEvent>(t, data) is var r ? (r.ReserveValue, r.FloorValue) : default;
                var row = new SuspensionEvent { PoolAddress = log.Address, IsSuspended = suspended, ReserveValue = reserve, FloorValue = floor }.At(d.OriginOf(log));
                return () => batch.Suspensions.Add(row);
            }
            default:
                // An interface event from a contract of another role (or Transfer): decoded for the
                // raw table, but it feeds no read model.
                DecodeForValidation(shape, t, data);
                return null;
        }
    }

    private static PoolLedgerEntry Ledger(LogDecoder d, RpcLog log, LedgerEntryKind kind, System.Numerics.BigInteger amount,
        System.Numerics.BigInteger? value, System.Numerics.BigInteger? newBalance, string? counterparty, long? rebalanceId) =>
        new PoolLedgerEntry { PoolAddress = log.Address, Kind = kind, Amount = amount, Value = value, NewBalance = newBalance,
            Counterparty = counterparty, RebalanceId = rebalanceId }.At(d.OriginOf(log));

    // uint64 fields land in bigint columns; the few values above 2^63 cannot, and are kept whole as decode failures.
    private static long Int64(ulong value, string field) =>
        value <= long.MaxValue ? (long)value : throw new OverflowException($"{field} {value} exceeds the int64 column");

    private static void DecodeForValidation(EventShape shape, string[] t, string data)
    {
        // Strings (registry events) can still be malformed beyond the head words.
        if (shape == ReservePoolRegistered) Decode<ReservePoolRegisteredEvent>(t, data);
        else if (shape == TokenRegistered) Decode<TokenRegisteredEvent>(t, data);
    }
}
