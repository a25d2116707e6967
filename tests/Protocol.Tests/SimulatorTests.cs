using System.Diagnostics;
using System.Text.Json;
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

    [Fact]
    public async Task LiveModeCatchesUpToTheWallClockAndThenWaitsForTheNextHour()
    {
        var now = DateTimeOffset.UtcNow;
        await using var chain = await ProtocolHarness.StartAsync("--timestamp", (now.ToUnixTimeSeconds() - 5 * 3600).ToString());
        var options = SimulateOptions.Parse(["simulate", "--rpc", chain.Node.RpcUrl, "--days", "0", "--seed", "7", "--live"]);
        var deployed = new TaskCompletionSource<SimulationSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var live = Simulation.RunAsync(options, TextWriter.Null, deployed.SetResult, stop.Token);
        var token = (await chain.LogsAsync<TokenRegisteredEvent>((await deployed.Task.WaitAsync(TimeSpan.FromMinutes(1))).RegistryAddress))[0].Event.Token;

        // The hours already past play at once: the wall clock's current hour is reached within seconds, not hours.
        var hours = new List<ulong>();
        for (var deadline = DateTime.UtcNow.AddMinutes(2); hours.Count == 0 || hours[^1] < WallHour(); await Task.Delay(250))
        {
            Assert.True(DateTime.UtcNow < deadline, $"live mode reached hour {(hours.Count > 0 ? hours[^1] : 0)} of {WallHour()} in 2 min");
            hours = (await chain.LogsAsync<NavSnapshotEvent>(token)).Select(s => s.Event.Hour).ToList();
        }
        // ...and the next one waits for its real hour: nothing is mined ahead of the wall clock (a fixed
        // cadence, like the old 5 s default, would have mined the next hour by now).
        await Task.Delay(TimeSpan.FromSeconds(6));
        hours = (await chain.LogsAsync<NavSnapshotEvent>(token)).Select(s => s.Event.Hour).ToList();
        await stop.CancelAsync();
        await live.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.InRange(hours[^1], WallHour() - 1, WallHour());
        Assert.Equal(Enumerable.Range(0, hours.Count).Select(i => hours[0] + (ulong)i), hours);
        Assert.True(hours.Count >= 4, $"{hours.Count} hours played");
        var latest = await chain.Session.Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
        Assert.True((long)latest.Timestamp.Value <= DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "a block was mined ahead of the wall clock");

        static ulong WallHour() => (ulong)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 3600);
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
