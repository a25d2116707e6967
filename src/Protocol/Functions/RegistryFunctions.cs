using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace LeveragedTokens.Protocol.Functions;

/// <summary>A subscription (IsMint, amount in quote WAD) or a redemption (amount in shares).</summary>
public sealed class Flow
{
    [Parameter("address", "token", 1)] public string Token { get; set; } = "";
    [Parameter("address", "account", 2)] public string Account { get; set; } = "";
    [Parameter("uint256", "amount", 3)] public BigInteger Amount { get; set; }
    [Parameter("bool", "isMint", 4)] public bool IsMint { get; set; }
}

public sealed class Injection
{
    [Parameter("address", "pool", 1)] public string Pool { get; set; } = "";
    [Parameter("address", "from", 2)] public string From { get; set; } = "";
    [Parameter("uint256", "amount", 3)] public BigInteger Amount { get; set; }
}

/// <summary>One hour of keeper work; Prices follow the registry's pool order.</summary>
[Function("tick")]
public sealed class TickFunction : FunctionMessage
{
    [Parameter("uint256[]", "prices", 1)] public List<BigInteger> Prices { get; set; } = [];
    [Parameter("uint256", "gasPriceWei", 2)] public BigInteger GasPriceWei { get; set; }
    [Parameter("tuple[]", "flows", 3)] public List<Flow> Flows { get; set; } = [];
    [Parameter("tuple[]", "injections", 4)] public List<Injection> Injections { get; set; } = [];
    [Parameter("bool", "allocateFees", 5)] public bool AllocateFees { get; set; }
}

[Function("registerPool")]
public sealed class RegisterPoolFunction : FunctionMessage
{
    [Parameter("address", "pool", 1)] public string Pool { get; set; } = "";
}

[Function("registerToken")]
public sealed class RegisterTokenFunction : FunctionMessage
{
    [Parameter("address", "token", 1)] public string Token { get; set; } = "";
}

[Function("setSpotDepth")]
public sealed class SetSpotDepthFunction : FunctionMessage
{
    [Parameter("address", "pool", 1)] public string Pool { get; set; } = "";
    [Parameter("uint256", "depth", 2)] public BigInteger Depth { get; set; }
}

[Function("pools", "address[]")]
public sealed class PoolsFunction : FunctionMessage;

[Function("tokens", "address[]")]
public sealed class TokensFunction : FunctionMessage;

[Function("oracle", "address")]
public sealed class OracleFunction : FunctionMessage;

[Function("operator", "address")]
public sealed class OperatorFunction : FunctionMessage;

[Function("deployedAtBlock", "uint256")]
public sealed class DeployedAtBlockFunction : FunctionMessage;
