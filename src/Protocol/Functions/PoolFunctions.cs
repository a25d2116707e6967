using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace LeveragedTokens.Protocol.Functions;

// ReservePool, SpotPool and PriceOracle. `markPrice()` is also a LeveragedToken view.

[Function("markPrice", "uint256")]
public sealed class MarkPriceFunction : FunctionMessage;

[Function("reserveBalance", "uint256")]
public sealed class ReserveBalanceFunction : FunctionMessage;

[Function("reserveValue", "uint256")]
public sealed class ReserveValueFunction : FunctionMessage;

[Function("floorValue", "uint256")]
public sealed class FloorValueFunction : FunctionMessage;

[Function("tokenSupplyValue", "uint256")]
public sealed class TokenSupplyValueFunction : FunctionMessage;

[Function("suspended", "bool")]
public sealed class SuspendedFunction : FunctionMessage;

[Function("underlying", "string")]
public sealed class UnderlyingFunction : FunctionMessage;

[Function("spotPool", "address")]
public sealed class SpotPoolFunction : FunctionMessage;

[Function("floorBps", "uint16")]
public sealed class FloorBpsFunction : FunctionMessage;

[Function("publishMetrics")]
public sealed class PublishMetricsFunction : FunctionMessage;

[Function("allocateFees")]
public sealed class AllocateFeesFunction : FunctionMessage;

[Function("injectCapital")]
public sealed class InjectCapitalFunction : FunctionMessage
{
    [Parameter("address", "from", 1)] public string From { get; set; } = "";
    [Parameter("uint256", "amount", 2)] public BigInteger Amount { get; set; }
}

[Function("depth", "uint256")]
public sealed class DepthFunction : FunctionMessage;

[Function("quote", "uint256")]
public sealed class QuoteFunction : FunctionMessage
{
    [Parameter("bool", "isBuy", 1)] public bool IsBuy { get; set; }
    [Parameter("uint256", "amount", 2)] public BigInteger Amount { get; set; }
}

[Function("priceOf", "uint256")]
public sealed class PriceOfFunction : FunctionMessage
{
    [Parameter("bytes32", "asset", 1)] public byte[] Asset { get; set; } = [];
}

[Function("gasPriceWei", "uint256")]
public sealed class GasPriceWeiFunction : FunctionMessage;

[Function("setPrice")]
public sealed class SetPriceFunction : FunctionMessage
{
    [Parameter("bytes32", "asset", 1)] public byte[] Asset { get; set; } = [];
    [Parameter("uint256", "price", 2)] public BigInteger Price { get; set; }
}
