using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace LeveragedTokens.Protocol.Deployment;

// Constructor arguments in the order of the Solidity constructors.

public sealed class RegistryDeployment() : ContractDeploymentMessage(ContractArtifact.Registry.Bytecode)
{
    [Parameter("address", "operator_", 1)] public string Operator { get; set; } = "";
}

public sealed class SpotPoolDeployment() : ContractDeploymentMessage(ContractArtifact.SpotPool.Bytecode)
{
    [Parameter("address", "keeper_", 1)] public string Keeper { get; set; } = "";
    [Parameter("address", "oracle_", 2)] public string Oracle { get; set; } = "";
    [Parameter("bytes32", "asset_", 3)] public byte[] Asset { get; set; } = [];
    [Parameter("uint256", "depth_", 4)] public BigInteger Depth { get; set; }
}

public sealed class ReservePoolDeployment() : ContractDeploymentMessage(ContractArtifact.ReservePool.Bytecode)
{
    [Parameter("address", "keeper_", 1)] public string Keeper { get; set; } = "";
    [Parameter("address", "oracle_", 2)] public string Oracle { get; set; } = "";
    [Parameter("address", "spotPool_", 3)] public string SpotPool { get; set; } = "";
    [Parameter("string", "underlying_", 4)] public string Underlying { get; set; } = "";
    [Parameter("uint16", "floorBps_", 5)] public ushort FloorBps { get; set; }
    [Parameter("uint16", "drawShareBps_", 6)] public ushort DrawShareBps { get; set; }
}

public sealed class LeveragedTokenDeployment() : ContractDeploymentMessage(ContractArtifact.LeveragedToken.Bytecode)
{
    [Parameter("address", "keeper_", 1)] public string Keeper { get; set; } = "";
    [Parameter("address", "pool_", 2)] public string Pool { get; set; } = "";
    [Parameter("string", "name_", 3)] public string Name { get; set; } = "";
    [Parameter("string", "symbol_", 4)] public string Symbol { get; set; } = "";
    [Parameter("bool", "isLong_", 5)] public bool IsLong { get; set; }
    [Parameter("uint256", "targetLeverage_", 6)] public BigInteger TargetLeverage { get; set; }
    [Parameter("uint256", "minLeverage_", 7)] public BigInteger MinLeverage { get; set; }
    [Parameter("uint256", "maxLeverage_", 8)] public BigInteger MaxLeverage { get; set; }
    [Parameter("uint32", "fallbackInterval_", 9)] public uint FallbackInterval { get; set; }
    [Parameter("uint16", "flowFeeBps_", 10)] public ushort FlowFeeBps { get; set; }
}
