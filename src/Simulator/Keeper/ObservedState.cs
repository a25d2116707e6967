using System.Numerics;
using LeveragedTokens.Protocol.Events;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace LeveragedTokens.Simulator.Keeper;

/// <summary>What the keeper has seen in its own receipts: enough to size flows and spot a
/// suspended pool without extra calls (keys are lower-case addresses).</summary>
public sealed class ObservedState
{
    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";
    private readonly Dictionary<string, BigInteger> _equity = [];
    private readonly Dictionary<string, BigInteger> _bufferDepth = [];
    private readonly Dictionary<string, long> _suspendedSince = [];
    private readonly Dictionary<(string Token, string Holder), BigInteger> _balances = [];

    public int Rebalances { get; private set; }
    public int Deferrals { get; private set; }
    public int Suspensions { get; private set; }
    public int Resumptions { get; private set; }

    public BigInteger EquityOf(string token) => _equity.GetValueOrDefault(token.ToLowerInvariant());
    public BigInteger BufferDepthOf(string pool) => _bufferDepth.GetValueOrDefault(pool.ToLowerInvariant());
    public long? SuspendedSince(string pool) => _suspendedSince.TryGetValue(pool.ToLowerInvariant(), out var h) ? h : null;
    public BigInteger BalanceOf(string token, string holder) =>
        _balances.GetValueOrDefault((token.ToLowerInvariant(), holder.ToLowerInvariant()));

    public void SetBalance(string token, string holder, BigInteger balance) =>
        _balances[(token.ToLowerInvariant(), holder.ToLowerInvariant())] = balance;

    public void MarkSuspended(string pool, long hour) => _suspendedSince[pool.ToLowerInvariant()] = hour;

    public void Absorb(TransactionReceipt receipt, long hour)
    {
        foreach (var e in receipt.DecodeAllEvents<NavSnapshotEvent>())
            _equity[Key(e)] = e.Event.Nav * e.Event.TotalSupply / Protocol.Wad.One;
        foreach (var e in receipt.DecodeAllEvents<ReserveMetricsPublishedEvent>())
            _bufferDepth[Key(e)] = e.Event.BufferDepth;
        foreach (var e in receipt.DecodeAllEvents<TransferEvent>())
        {
            var token = Key(e);
            Adjust(token, e.Event.From, -e.Event.Value);
            Adjust(token, e.Event.To, e.Event.Value);
        }
        foreach (var e in receipt.DecodeAllEvents<RebalancingSuspendedEvent>())
        {
            _suspendedSince[Key(e)] = hour;
            Suspensions++;
        }
        foreach (var e in receipt.DecodeAllEvents<RebalancingResumedEvent>())
        {
            _suspendedSince.Remove(Key(e));
            Resumptions++;
        }
        Rebalances += receipt.DecodeAllEvents<RebalancedEvent>().Count;
        Deferrals += receipt.DecodeAllEvents<RebalanceDeferredEvent>().Count;
    }

    private void Adjust(string token, string holder, BigInteger delta)
    {
        if (holder == ZeroAddress) return; // mints and burns: only holders are tracked
        var key = (token, holder.ToLowerInvariant());
        _balances[key] = _balances.GetValueOrDefault(key) + delta;
    }

    private static string Key<T>(EventLog<T> e) => e.Log.Address.ToLowerInvariant();
}
