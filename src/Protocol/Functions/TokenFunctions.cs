using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace LeveragedTokens.Protocol.Functions;

[Function("rebalance")]
public sealed class RebalanceFunction : FunctionMessage;

[Function("rebalanceDue", typeof(RebalanceDueOutput))]
public sealed class RebalanceDueFunction : FunctionMessage;

[FunctionOutput]
public sealed class RebalanceDueOutput : IFunctionOutputDTO
{
    [Parameter("bool", "due", 1)] public bool Due { get; set; }
    [Parameter("uint8", "trigger", 2)] public byte Trigger { get; set; }
}

[Function("publishNavSnapshot")]
public sealed class PublishNavSnapshotFunction : FunctionMessage;

[Function("mint", "uint256")]
public sealed class MintFunction : FunctionMessage
{
    [Parameter("address", "to", 1)] public string To { get; set; } = "";
    [Parameter("uint256", "value", 2)] public BigInteger Value { get; set; }
}

[Function("redeem", "uint256")]
public sealed class RedeemFunction : FunctionMessage
{
    [Parameter("address", "from", 1)] public string From { get; set; } = "";
    [Parameter("uint256", "shares", 2)] public BigInteger Shares { get; set; }
}

[Function("nav", "uint256")]
public sealed class NavFunction : FunctionMessage;

[Function("leverage", "uint256")]
public sealed class LeverageFunction : FunctionMessage;

[Function("equity", "int256")]
public sealed class EquityFunction : FunctionMessage;

[Function("exposure", "int256")]
public sealed class ExposureFunction : FunctionMessage;

[Function("lastRebalanceAt", "uint256")]
public sealed class LastRebalanceAtFunction : FunctionMessage;

[Function("rebalanceCount", "uint64")]
public sealed class RebalanceCountFunction : FunctionMessage;

[Function("totalSupply", "uint256")]
public sealed class TotalSupplyFunction : FunctionMessage;

[Function("balanceOf", "uint256")]
public sealed class BalanceOfFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)] public string Owner { get; set; } = "";
}

[Function("symbol", "string")]
public sealed class SymbolFunction : FunctionMessage;

[Function("isLong", "bool")]
public sealed class IsLongFunction : FunctionMessage;

[Function("pool", "address")]
public sealed class PoolFunction : FunctionMessage;

[Function("targetLeverage", "uint256")]
public sealed class TargetLeverageFunction : FunctionMessage;

[Function("minLeverage", "uint256")]
public sealed class MinLeverageFunction : FunctionMessage;

[Function("maxLeverage", "uint256")]
public sealed class MaxLeverageFunction : FunctionMessage;

[Function("fallbackInterval", "uint32")]
public sealed class FallbackIntervalFunction : FunctionMessage;
