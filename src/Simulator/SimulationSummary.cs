using System.Text.Json;
using LeveragedTokens.Protocol.Deployment;

namespace LeveragedTokens.Simulator;

/// <summary>The simulator's last stdout line: where an indexer finds this deployment.</summary>
public sealed record SimulationSummary(long ChainId, string RegistryAddress, long DeploymentBlock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static SimulationSummary Of(DeployedProtocol protocol) =>
        new(protocol.ChainId, protocol.Registry, protocol.DeploymentBlock);

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
