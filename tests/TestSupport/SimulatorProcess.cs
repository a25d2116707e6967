using System.Text.Json;

namespace LeveragedTokens.TestSupport;

/// <summary>The deployment the simulator describes in its last stdout line.</summary>
public sealed record SimulatedDeployment(long ChainId, string RegistryAddress, long DeploymentBlock);

/// <summary>The reference simulator, run as a process the way the scripts run it.</summary>
public static class SimulatorProcess
{
    public static async Task<SimulatedDeployment> SimulateAsync(string rpcUrl, int days, int seed, params string[] extraArgs)
    {
        var output = await ProjectProcess.RunAsync(
            "Simulator", ["simulate", "--rpc", rpcUrl, "--days", days.ToString(), "--seed", seed.ToString(), .. extraArgs]);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var json = JsonDocument.Parse(last).RootElement;
        return new SimulatedDeployment(
            json.GetProperty("chainId").GetInt64(), json.GetProperty("registryAddress").GetString()!, json.GetProperty("deploymentBlock").GetInt64());
    }
}
