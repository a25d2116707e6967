using System.Text.Json;

namespace LeveragedTokens.TestSupport;

/// <summary>The deployment the simulator describes in its last stdout line.</summary>
public sealed record SimulatedDeployment(long ChainId, string RegistryAddress, long DeploymentBlock);

/// <summary>The reference simulator, run as a process the way the scripts run it.</summary>
public static class SimulatorProcess
{
    /// <summary>
    /// The genesis of every simulated history in tests, 2026-11-26T12:00:00Z: the simulator's weather depends on
    /// the first hour played, so a genesis of "now" gave a test another chain every hour.
    /// </summary>
    public const long FixedGenesis = 1795694400;

    /// <summary>A fresh anvil from <see cref="FixedGenesis"/> with <paramref name="days"/> of history played by the simulator.</summary>
    public static async Task<(AnvilNode Anvil, SimulatedDeployment Deployment)> StartSimulatedChainAsync(int days, int seed)
    {
        var anvil = await AnvilNode.StartAsync(31337, "--timestamp", FixedGenesis.ToString());
        try
        {
            return (anvil, await SimulateAsync(anvil.RpcUrl, days, seed));
        }
        catch
        {
            await anvil.DisposeAsync();
            throw;
        }
    }

    /// <summary>The simulator's `shock` verb: one tick at the next hour with the current marks moved by <paramref name="shocks"/> (BTC:-30,ETH:+10).</summary>
    public static Task<string> ShockAsync(string rpcUrl, string shocks) =>
        ProjectProcess.RunAsync("Simulator", "shock", "--rpc", rpcUrl, "--shocks", shocks);

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
