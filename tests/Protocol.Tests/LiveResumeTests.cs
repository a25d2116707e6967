namespace LeveragedTokens.Protocol.Tests;

/// <summary>Live mode after a pause: a chain saved hours ago, and a node that stops answering for a while.</summary>
public sealed class LiveResumeTests
{
    [Fact]
    public async Task LiveModeCatchesUpAChainWhoseNodeClockRestartedAtTheWallClock()
    {
        var now = DateTimeOffset.UtcNow;
        await using var chain = await ProtocolHarness.StartAsync("--timestamp", (now.ToUnixTimeSeconds() - 5 * 3600).ToString());
        // What anvil does when it loads a saved chain: its clock restarts at the wall clock while the newest
        // block is hours old, and it refuses to mine the missed hours at their own times.
        await chain.Node.CallAsync("evm_setTime", now.ToUnixTimeSeconds());
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => chain.Node.CallAsync("evm_setNextBlockTimestamp", now.ToUnixTimeSeconds() - 3600));
        Assert.Contains("lower than previous block's timestamp", refused.Message);

        var progress = new StringWriter();
        var (live, stop, token) = await StartLiveAsync(chain, ["--days", "0"], TextWriter.Synchronized(progress));
        var hours = await WaitForHourAsync(chain, token, WallHour(), live);
        await stop.CancelAsync();
        await live.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(0, hours.Count).Select(i => hours[0] + (ulong)i), hours);
        Assert.InRange(hours[^1], WallHour() - 1, WallHour());
        Assert.DoesNotContain("failed", progress.ToString());
    }

    [Fact]
    public async Task LiveModePlaysOnlyTheLatestHoursPastTheCatchUpLimitAndSaysSo()
    {
        var now = DateTimeOffset.UtcNow;
        await using var chain = await ProtocolHarness.StartAsync("--timestamp", (now.ToUnixTimeSeconds() - 40 * 3600).ToString());
        var progress = new StringWriter();
        // A day of history ends about 15 h ago; of the missed hours since, only the last 4 are played.
        var (live, stop, token) = await StartLiveAsync(chain, ["--days", "1", "--max-catch-up-hours", "4"], TextWriter.Synchronized(progress));
        var hours = await WaitForHourAsync(chain, token, WallHour(), live);
        await stop.CancelAsync();
        await live.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(0, 24).Select(i => hours[0] + (ulong)i), hours.Take(24));
        Assert.InRange(hours.Count, 24 + 4, 24 + 5); // + 5: the wall clock's hour turned while the test ran
        Assert.True(hours[24] - hours[23] > 10, $"no gap after the history: {string.Join(",", hours)}");
        Assert.Equal(Enumerable.Range(0, hours.Count - 24).Select(i => hours[24] + (ulong)i), hours.Skip(24));
        Assert.Equal(WallHour(), hours[^1]);
        Assert.Single(progress.ToString().Split('\n'), l => l.StartsWith("skipping ", StringComparison.Ordinal) && l.Contains("missed hours"));
    }

    [Fact]
    public async Task ANodeThatStopsMiningStallsLiveModeWithoutEndingIt()
    {
        await using var chain = await ProtocolHarness.StartAsync();
        var progress = new StringWriter();
        var (live, stop, token) = await StartLiveAsync(chain, ["--days", "0", "--hour-seconds", "0.5"], TextWriter.Synchronized(progress));
        var before = await WaitForHoursAsync(chain, token, 3, live);

        // No receipts while automine is off: the hour fails, is logged and retried (never sent twice) until the node mines again.
        await chain.Node.CallAsync("evm_setAutomine", false);
        for (var deadline = DateTime.UtcNow.AddMinutes(1); !progress.ToString().Contains("live hour failed"); await Task.Delay(200))
            Assert.True(DateTime.UtcNow < deadline, "no failure reported in 1 min");
        Assert.False(live.IsCompleted, $"live mode ended: {live.Exception}");
        await chain.Node.CallAsync("evm_setAutomine", true);
        await chain.Node.CallAsync("evm_mine");
        var after = await WaitForHoursAsync(chain, token, before.Count + 3, live);
        await stop.CancelAsync();
        await live.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(before, after.Take(before.Count));
        Assert.Equal(Enumerable.Range(0, after.Count).Select(i => after[0] + (ulong)i), after);
    }

    [Theory]
    [InlineData(100, 99 * 3600 + 10, 100, 0, 0)]   // next hour is the coming one: play at its top
    [InlineData(100, 104 * 3600 + 10, 100, 0, 0)]  // 5 missed hours: all played at once
    [InlineData(100, 199 * 3600, 190, 0, 90)]      // 100 missed, limit 10: the 90 oldest skipped
    [InlineData(110, 99 * 3600 + 10, 110, 10, 0)]  // chain 10 h ahead: keeps its lead
    public void TheScheduleCatchesUpSkipsOrKeepsALead(long nextChainHour, long nowSeconds, long first, long lead, long skipped)
    {
        var schedule = LiveSchedule.Plan(nextChainHour, DateTimeOffset.FromUnixTimeSeconds(nowSeconds), maxCatchUpHours: 10);

        Assert.Equal(new LiveSchedule(first, lead, skipped), schedule);
        // The first hour played is due now (catching up) or at the next top of a real hour, never later.
        Assert.True(schedule.DueAt(first).ToUnixTimeSeconds() <= (nowSeconds / 3600 + 1) * 3600);
        Assert.Equal(lead > 0 || skipped > 0, schedule.Describe() is not null);
    }

    private static async Task<(Task Live, CancellationTokenSource Stop, string Token)> StartLiveAsync(
        ProtocolHarness chain, string[] args, TextWriter progress)
    {
        var options = SimulateOptions.Parse(["simulate", "--rpc", chain.Node.RpcUrl, "--seed", "7", "--live", .. args]);
        var deployed = new TaskCompletionSource<SimulationSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = new CancellationTokenSource();
        var live = Simulation.RunAsync(options, progress, deployed.SetResult, stop.Token);
        var summary = await deployed.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var token = (await chain.LogsAsync<TokenRegisteredEvent>(summary.RegistryAddress))[0].Event.Token;
        return (live, stop, token);
    }

    private static async Task<List<ulong>> WaitForHourAsync(ProtocolHarness chain, string token, ulong hour, Task live)
    {
        var hours = new List<ulong>();
        for (var deadline = DateTime.UtcNow.AddMinutes(2); hours.Count == 0 || hours[^1] < hour; await Task.Delay(250))
        {
            Assert.False(live.IsFaulted, $"live mode crashed: {live.Exception}");
            Assert.True(DateTime.UtcNow < deadline, $"live mode reached hour {(hours.Count > 0 ? hours[^1] : 0)} of {hour} in 2 min");
            hours = await HoursAsync(chain, token);
        }
        return hours;
    }

    private static async Task<List<ulong>> WaitForHoursAsync(ProtocolHarness chain, string token, int count, Task live)
    {
        var hours = new List<ulong>();
        for (var deadline = DateTime.UtcNow.AddMinutes(2); hours.Count < count; await Task.Delay(250))
        {
            Assert.False(live.IsFaulted, $"live mode crashed: {live.Exception}");
            Assert.True(DateTime.UtcNow < deadline, $"{hours.Count} of {count} hours in 2 min");
            hours = await HoursAsync(chain, token);
        }
        return hours;
    }

    private static async Task<List<ulong>> HoursAsync(ProtocolHarness chain, string token) =>
        (await chain.LogsAsync<NavSnapshotEvent>(token)).Select(s => s.Event.Hour).ToList();

    private static ulong WallHour() => (ulong)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 3600);
}
