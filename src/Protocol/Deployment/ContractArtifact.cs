using System.Text.Json;

namespace LeveragedTokens.Protocol.Deployment;

/// <summary>The committed solc output of one contract, embedded in this assembly.</summary>
public sealed record ContractArtifact(string Name, string Abi, string Bytecode)
{
    public static ContractArtifact Registry { get; } = Load("LeveragedTokenRegistry");
    public static ContractArtifact PriceOracle { get; } = Load("PriceOracle");
    public static ContractArtifact SpotPool { get; } = Load("SpotPool");
    public static ContractArtifact ReservePool { get; } = Load("ReservePool");
    public static ContractArtifact LeveragedToken { get; } = Load("LeveragedToken");

    public static ContractArtifact Load(string contractName)
    {
        var resource = $"artifacts/{contractName}.json";
        using var stream = typeof(ContractArtifact).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No embedded artifact {resource}; run node tools/chain/compile.mjs");
        using var json = JsonDocument.Parse(stream);
        return new ContractArtifact(
            contractName,
            json.RootElement.GetProperty("abi").GetRawText(),
            json.RootElement.GetProperty("bytecode").GetString()!);
    }
}
