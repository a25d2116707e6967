using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace LeveragedTokens.Protocol.Events;

[Event("Rebalanced")]
public sealed class RebalancedEvent : IEventDTO
{
    [Parameter("uint64", "rebalanceId", 1, true)] public ulong RebalanceId { get; set; }
    [Parameter("uint8", "trigger", 2, true)] public byte Trigger { get; set; }
    [Parameter("bool", "isBuy", 3, false)] public bool IsBuy { get; set; }
    [Parameter("uint256", "amount", 4, false)] public BigInteger Amount { get; set; }
    [Parameter("uint256", "markPrice", 5, false)] public BigInteger MarkPrice { get; set; }
    [Parameter("uint256", "executionPrice", 6, false)] public BigInteger ExecutionPrice { get; set; }
    [Parameter("uint256", "leverageBefore", 7, false)] public BigInteger LeverageBefore { get; set; }
    [Parameter("uint256", "leverageAfter", 8, false)] public BigInteger LeverageAfter { get; set; }
    [Parameter("uint256", "navBefore", 9, false)] public BigInteger NavBefore { get; set; }
    [Parameter("uint256", "navAfter", 10, false)] public BigInteger NavAfter { get; set; }
    [Parameter("uint256", "slippageCost", 11, false)] public BigInteger SlippageCost { get; set; }
    [Parameter("uint256", "gasCost", 12, false)] public BigInteger GasCost { get; set; }
    [Parameter("uint256", "reserveDraw", 13, false)] public BigInteger ReserveDraw { get; set; }
}

[Event("RebalanceDeferred")]
public sealed class RebalanceDeferredEvent : IEventDTO
{
    [Parameter("uint8", "reason", 1, true)] public byte Reason { get; set; }
    [Parameter("uint256", "leverage", 2, false)] public BigInteger Leverage { get; set; }
    [Parameter("uint256", "markPrice", 3, false)] public BigInteger MarkPrice { get; set; }
}

[Event("NavSnapshot")]
public sealed class NavSnapshotEvent : IEventDTO
{
    [Parameter("uint64", "hour", 1, true)] public ulong Hour { get; set; }
    [Parameter("uint256", "nav", 2, false)] public BigInteger Nav { get; set; }
    [Parameter("uint256", "leverage", 3, false)] public BigInteger Leverage { get; set; }
    [Parameter("uint256", "markPrice", 4, false)] public BigInteger MarkPrice { get; set; }
    [Parameter("uint256", "totalSupply", 5, false)] public BigInteger TotalSupply { get; set; }
}

[Event("Transfer")]
public sealed class TransferEvent : IEventDTO
{
    [Parameter("address", "from", 1, true)] public string From { get; set; } = "";
    [Parameter("address", "to", 2, true)] public string To { get; set; } = "";
    [Parameter("uint256", "value", 3, false)] public BigInteger Value { get; set; }
}
