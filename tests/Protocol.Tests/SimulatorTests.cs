using System.Diagnostics;
using System.Text.Json;
using LeveragedTokens.Protocol.Events;
using LeveragedTokens.Protocol.Tests.Support;
using LeveragedTokens.Simulator;
using Nethereum.RPC.Eth.DTOs;

namespace LeveragedTokens.Protocol.Tests;

public sealed class SimulatorTests
{
    /// <summary>2026-01-01: both chains start from the same genesis time.</summary>
    private const string Genesis = "1767225600";

    [Fact]
    public async Task TheSameSeedOnTwoFreshChainsGivesTheSameLogs()
    {
        var runs = await Task.WhenAll(SimulateAndReadLogsAsync(seed: 11), SimulateAndReadLogsAsync(seed: 11));

        Assert.True(runs[0].Count > 500, $"only {runs[0].Count} logs");
        Assert.Equal(runs[0], runs[1]);
    }

    [Fact]
    public async Task TheSimulatorPrintsItsDeploymentAsTheLastStdoutLineAndEachRunContinuesTheSameDeployment()
    {
        await using var chain = await ProtocolHarness.StartAsync();

        var deployed = await RunSimulatorAsync("deploy", "--rpc", chain.Node.RpcUrl);
        var first = await RunSimulatorAsync("simulate", "--rpc", chain.Node.RpcUrl, "--days", "2", "--seed", "3");
        var second = await RunSimulatorAsync("simulate", "--rpc", chain.Node.RpcUrl, "--days", "1", "--seed", "3");

        Assert.Equal(31337, first.GetProperty("chainId").GetInt64());
        var registry = first.GetProperty("registryAddress").GetString()!;
        Assert.Matches("^0x[0-9a-fA-F]{40}$", registry);
        Assert.Equal(1, first.GetProperty("deploymentBlock").GetInt64());
        Assert.Equal(deployed.ToString(), first.ToString());
        Assert.Equal(first.ToString(), second.ToString());

        var token = (await chain.LogsAsync<TokenRegisteredEvent>(registry))[0].Event.Token;
        var hours = (await chain.LogsAsync<NavSnapshotEvent>(token)).Select(s => s.Event.Hour).ToList();
        Assert.Equal(3 * 24, hours.Count);
        Assert.Equal(Enumerable.Range(0, hours.Count).Select(i => hours[0] + (ulong)i), hours);
    }

    private static async Task<List<string>> SimulateAndReadLogsAsync(int seed)
    {
        await using var chain = await ProtocolHarness.StartAsync("--timestamp", Genesis);
        var options = SimulateOptions.Parse(["simulate", "--rpc", chain.Node.RpcUrl, "--days", "3", "--seed", $"{seed}"]);
        await Simulation.RunAsync(options, TextWriter.Null, null, CancellationToken.None);
        var logs = await chain.Session.Web3.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput
        {
            FromBlock = BlockParameter.CreateEarliest(),
            ToBlock = BlockParameter.CreateLatest(),
        });
        return logs.Select(l => $"{l.BlockNumber.Value}:{l.LogIndex.Value}:{l.Address}:{string.Join(",", l.Topics)}:{l.Data}").ToList();
    }

    /// <summary>Runs the built simulator as a process, as scripts do, and parses its last stdout line.</summary>
    private static async Task<JsonElement> RunSimulatorAsync(params string[] args)
    {
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Simulator"), args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var progress = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"simulator exited {process.ExitCode}: {await progress}");
        var last = stdout.TrimEnd('\n').Split('\n')[^1];
        return JsonDocument.Parse(last).RootElement.Clone();
    }
}
