using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace LeveragedTokens.Protocol.Events;

[Event("ReserveMetricsPublished")]
public sealed class ReserveMetricsPublishedEvent : IEventDTO
{
    [Parameter("uint64", "hour", 1, true)] public ulong Hour { get; set; }
    [Parameter("uint256", "reserveBalance", 2, false)] public BigInteger ReserveBalance { get; set; }
    [Parameter("uint256", "markPrice", 3, false)] public BigInteger MarkPrice { get; set; }
    [Parameter("uint256", "reserveValue", 4, false)] public BigInteger ReserveValue { get; set; }
    [Parameter("uint256", "tokenSupplyValue", 5, false)] public BigInteger TokenSupplyValue { get; set; }
    [Parameter("uint256", "floorValue", 6, false)] public BigInteger FloorValue { get; set; }
    [Parameter("uint256", "utilizationBps", 7, false)] public BigInteger UtilizationBps { get; set; }
    [Parameter("int256", "bufferDepth", 8, false)] public BigInteger BufferDepth { get; set; }
}

[Event("ReserveDrawn")]
public sealed class ReserveDrawnEvent : IEventDTO
{
    [Parameter("address", "token", 1, true)] public string Token { get; set; } = "";
    [Parameter("uint64", "rebalanceId", 2, true)] public ulong RebalanceId { get; set; }
    [Parameter("uint256", "amount", 3, false)] public BigInteger Amount { get; set; }
    [Parameter("uint256", "value", 4, false)] public BigInteger Value { get; set; }
}

[Event("FeesAllocated")]
public sealed class FeesAllocatedEvent : IEventDTO
{
    [Parameter("uint256", "amount", 1, false)] public BigInteger Amount { get; set; }
    [Parameter("uint256", "newBalance", 2, false)] public BigInteger NewBalance { get; set; }
}

[Event("CapitalInjected")]
public sealed class CapitalInjectedEvent : IEventDTO
{
    [Parameter("address", "from", 1, true)] public string From { get; set; } = "";
    [Parameter("uint256", "amount", 2, false)] public BigInteger Amount { get; set; }
    [Parameter("uint256", "newBalance", 3, false)] public BigInteger NewBalance { get; set; }
}

[Event("RebalancingSuspended")]
public sealed class RebalancingSuspendedEvent : IEventDTO
{
    [Parameter("uint256", "reserveValue", 1, false)] public BigInteger ReserveValue { get; set; }
    [Parameter("uint256", "floorValue", 2, false)] public BigInteger FloorValue { get; set; }
}

[Event("RebalancingResumed")]
public sealed class RebalancingResumedEvent : IEventDTO
{
    [Parameter("uint256", "reserveValue", 1, false)] public BigInteger ReserveValue { get; set; }
    [Parameter("uint256", "floorValue", 2, false)] public BigInteger FloorValue { get; set; }
}
