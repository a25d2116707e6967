using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace LeveragedTokens.Protocol.Errors;

// Custom errors the contracts revert with, for IsCustomErrorFor<T>() / DecodeError<T>().

[Error("RebalanceNotDue")]
public sealed class RebalanceNotDueError
{
    [Parameter("uint256", "leverage", 1)] public BigInteger Leverage { get; set; }
    [Parameter("uint256", "minLeverage", 2)] public BigInteger MinLeverage { get; set; }
    [Parameter("uint256", "maxLeverage", 3)] public BigInteger MaxLeverage { get; set; }
    [Parameter("uint256", "fallbackAt", 4)] public BigInteger FallbackAt { get; set; }
}

[Error("NotKeeper")]
public sealed class NotKeeperError
{
    [Parameter("address", "caller", 1)] public string Caller { get; set; } = "";
}

[Error("NotOperator")]
public sealed class NotOperatorError
{
    [Parameter("address", "caller", 1)] public string Caller { get; set; } = "";
}

[Error("AlreadyRegistered")]
public sealed class AlreadyRegisteredError
{
    [Parameter("address", "target", 1)] public string Target { get; set; } = "";
}

[Error("PriceMissing")]
public sealed class PriceMissingError
{
    [Parameter("bytes32", "asset", 1)] public byte[] Asset { get; set; } = [];
}
