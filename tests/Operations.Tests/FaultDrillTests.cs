using System.Net.Http.Json;
using Xunit.Abstractions;

namespace LeveragedTokens.Operations.Tests;

/// <summary>
/// The running system (anvil + the simulator live, the indexer process, the web app) through a
/// Postgres restart and a node outage: nothing is restarted by hand, nothing is lost, and risk
/// staff are alerted to the outage (alert API and webhook) and see the alert resolve.
/// </summary>
public sealed class FaultDrillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminEmail = "admin@drill.example.test";
    private const string AdminPassword = "drill-bootstrap-admin-pass";
    private const string RiskEmail = "risk@drill.example.test";
    private const string RiskPassword = "drill-risk-passphrase";
    private readonly string _stateFile = Path.Combine(Path.GetTempPath(), $"ops-anvil-{Guid.NewGuid():N}.json");
    private readonly int _anvilPort = FreePort.Next();
    private PrivateCluster _cluster = default!;
    private ChildProcess? _anvil, _simulator, _indexer;
    private readonly WebhookReceiver _webhook = new();
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? _web;

    private string Rpc => $"http://127.0.0.1:{_anvilPort}";
    private DrillProbe Probe => new(Rpc, _cluster.ConnectionString);

    public async Task InitializeAsync() => _cluster = await PrivateCluster.StartAsync();

    [Fact]
    public async Task PostgresRestartAndANodeOutageAreSurvivedWithoutRestartsAndWithoutLosingRows()
    {
        _anvil = await StartAnvilAsync();
        var deployment = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _simulator = ChildProcess.Start("dotnet", [Dll("Simulator"),
            "simulate", "--rpc", Rpc, "--days", "2", "--seed", "11", "--live", "--hour-seconds", "0.5"],
            onLine: l => { if (l.TrimStart().StartsWith('{')) deployment.TrySetResult(l); }, workingDirectory: Path.GetDirectoryName(Dll("Simulator")));
        var json = JsonDocument.Parse(await deployment.Task.WaitAsync(TimeSpan.FromMinutes(3))).RootElement;
        var registry = json.GetProperty("registryAddress").GetString()!;
        var startBlock = json.GetProperty("deploymentBlock").GetInt64();

        var indexerSettings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Dashboard"] = _cluster.ConnectionString, ["Chain__RpcUrl"] = Rpc, ["Chain__RegistryAddress"] = registry,
            ["Chain__StartBlock"] = startBlock.ToString(), ["Chain__Confirmations"] = "1", ["Chain__PollInterval"] = "00:00:00.500",
            ["Chain__RequestTimeout"] = "00:00:03", ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        // The indexer's Hangfire server evaluates the alerts and posts the webhooks: the endpoint is its setting.
        foreach (var (key, value) in _webhook.Settings("drill", minSeverity: "Warning")) indexerSettings[key.Replace(":", "__")] = value!;
        _indexer = ChildProcess.Start("dotnet", [Dll("Indexer")], workingDirectory: Path.GetDirectoryName(Dll("Indexer")), env: indexerSettings);
        await WaitAsync("the indexer catches up", async () => await Probe.IndexedAsync() is { } s && s.Indexed > startBlock && s.Head - s.Indexed <= 2, 180);
        _web = OpsSite.Start(_cluster.ConnectionString, settings: [("Dashboard:StaleAfterSeconds", "6"), ("Dashboard:RefreshSeconds", "1"),
            ("Operations:ReadyStaleSeconds", "6"), ("Staff:BootstrapAdmin:Email", AdminEmail), ("Staff:BootstrapAdmin:Password", AdminPassword)]);
        using var web = new HttpClient { BaseAddress = _web.ClientOptions.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/readyz")).StatusCode);

        // 1. Postgres restarts while blocks keep coming.
        var before = (await Probe.IndexedAsync())!.Value.Indexed;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var seen = new List<HttpStatusCode?>();
        using var polling = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            while (!polling.IsCancellationRequested)
            {
                var status = await TryGetAsync(web, "/readyz");
                lock (seen) seen.Add(status);
                await Task.Delay(100);
            }
        });
        await _cluster.RestartAsync();
        await polling.CancelAsync();
        await poller;
        lock (seen) Assert.Contains(HttpStatusCode.ServiceUnavailable, seen); // the instance said so while Postgres was away
        output.WriteLine($"Postgres stopped and started again in {clock.Elapsed.TotalSeconds:0.0} s");
        await WaitAsync("the web app is ready again", async () => (await TryGetAsync(web, "/readyz")) == HttpStatusCode.OK, 60);
        output.WriteLine($"web /readyz 200 again {clock.Elapsed.TotalSeconds:0.0} s after the stop began");
        await WaitAsync("the indexer writes again", async () => await Probe.IndexedAsync() is { } s && s.Indexed > before + 5, 90);
        output.WriteLine($"indexer 5 blocks past its pre-restart checkpoint {clock.Elapsed.TotalSeconds:0.0} s after the stop began");
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/api/v1/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/")).StatusCode);
        Assert.False(_indexer.HasExited, _indexer.Output);

        // 2. The node goes away: the feed turns stale, readiness says so (still serving), risk staff are
        // alerted (IndexerLag, through the alert API and the webhook), then indexing resumes and the alert resolves.
        // A risk user lowers the wall-clock lag threshold from 10 min to 6 s, as on the thresholds page.
        using var risk = await RiskUserAsync();
        using (var put = await risk.PutAsJsonAsync("/api/staff/thresholds", new { scope = "*", key = "IndexerLagMinutes", value = 0.1m, reason = "fault drill" }))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await _simulator.StopAsync();
        await WaitAsync("the indexer reaches the head", async () => await Probe.IndexedAsync() is { } s && s.Head - s.Indexed <= 1, 60);
        // Any lag alert from the catch-up resolves first: the healthy indexer refreshes its status row at every poll.
        await WaitAsync("no IndexerLag alert is unresolved", async () => (await LagAlertsAsync(risk)).Count == 0, 120);
        var headBefore = await Probe.BlockNumberAsync();
        await _anvil.StopAsync(signal: 2); // SIGINT: anvil writes its --state file
        clock.Restart();
        var stoppedAt = DateTime.UtcNow;
        await WaitAsync("the status turns stale", async () => await StaleAsync(web) == true, 60);
        output.WriteLine($"node stopped: the dashboard shows the feed stale after {clock.Elapsed.TotalSeconds:0.0} s (StaleAfterSeconds 6)");
        var page = await web.GetStringAsync("/");
        Assert.Contains("data-stale=\"true\"", page);
        var ready = JsonDocument.Parse(await web.GetStringAsync("/readyz")).RootElement;
        Assert.Equal("Degraded", ready.GetProperty("status").GetString());

        var open = new List<JsonElement>();
        await WaitAsync("risk staff see an IndexerLag alert", async () => (open = await LagAlertsAsync(risk)).Count > 0, 150);
        var alert = Assert.Single(open);
        output.WriteLine($"node stopped: IndexerLag open in /api/staff/alerts after {clock.Elapsed.TotalSeconds:0.0} s " +
            $"(evaluated {(alert.GetProperty("firedAt").GetDateTime() - stoppedAt).TotalSeconds:0.0} s after the stop; threshold 0.1 min)");
        Assert.Equal("open", alert.GetProperty("status").GetString());
        Assert.Equal(0.1m, alert.GetProperty("threshold").GetDecimal());
        Assert.Equal("min", alert.GetProperty("unit").GetString());
        Assert.StartsWith("Indexer has not progressed", alert.GetProperty("message").GetString());
        var alertId = alert.GetProperty("id").GetInt64();
        var fired = await WebhookAsync(alertId, "fired");
        output.WriteLine($"node stopped: the webhook had the opened alert {clock.Elapsed.TotalSeconds:0.0} s after the stop");
        Assert.StartsWith("[WARNING] Indexer has not progressed", fired.GetProperty("text").GetString());

        _anvil = await StartAnvilAsync();
        Assert.True(await Probe.BlockNumberAsync() >= headBefore, "anvil came back without its chain");
        await Probe.RpcAsync("anvil_mine", "0x5");
        clock.Restart();
        await WaitAsync("indexing resumes and the feed is live again", async () => await StaleAsync(web) == false, 90);
        output.WriteLine($"node back (restarted from its --state file, head {headBefore} kept): feed live again after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.False(_indexer.HasExited, _indexer.Output);
        await WaitAsync("risk staff see the IndexerLag alert resolved",
            async () => (await risk.GetFromJsonAsync<JsonElement>($"/api/staff/alerts/{alertId}")).GetProperty("status").GetString() == "resolved", 120);
        output.WriteLine($"node back: IndexerLag resolved in /api/staff/alerts after {clock.Elapsed.TotalSeconds:0.0} s");
        var resolved = await WebhookAsync(alertId, "resolved");
        output.WriteLine($"node back: the webhook had the resolved alert after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.StartsWith("[RESOLVED] IndexerLag", resolved.GetProperty("text").GetString());

        // 3. Exactly the node's logs are stored: nothing lost across the restart, nothing doubled.
        var indexed = (await Probe.IndexedAsync())!.Value.Indexed;
        var stored = await Probe.StoredLogsAsync();
        var onChain = await Probe.ChainLogsAsync(startBlock, indexed);
        Assert.Equal(onChain.Count, stored.Count);
        Assert.Equal(onChain.Order(), stored.Order());
        output.WriteLine($"{stored.Count} logs stored up to block {indexed}, equal to eth_getLogs for the watched contracts");
    }

    /// <summary>The bootstrap admin creates a risk user through the staff API; the client returned is signed in as that user.</summary>
    private async Task<HttpClient> RiskUserAsync()
    {
        using var admin = await StaffClient().SignInAsync(AdminEmail, AdminPassword);
        using var created = await admin.PostAsJsonAsync("/api/staff/users", new { email = RiskEmail, password = RiskPassword, roles = new[] { "risk" } });
        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        return await StaffClient().SignInAsync(RiskEmail, RiskPassword);
    }

    private HttpClient StaffClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _web!.ClientOptions.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The unresolved IndexerLag alerts, as a risk user lists them.</summary>
    private static async Task<List<JsonElement>> LagAlertsAsync(HttpClient risk) =>
        [.. (await risk.GetFromJsonAsync<JsonElement>("/api/staff/alerts?kind=IndexerLag")).EnumerateArray()];

    /// <summary>The signed webhook post of one alert event ("fired" or "resolved").</summary>
    private async Task<JsonElement> WebhookAsync(long alertId, string what)
    {
        bool Matches(WebhookReceiver.Received r) =>
            r.Json.GetProperty("event").GetString() == what && r.Json.GetProperty("alert").GetProperty("id").GetInt64() == alertId;
        var received = await _webhook.WaitForAsync(all => all.Any(Matches), TimeSpan.FromSeconds(90));
        var post = Assert.Single(received, Matches);
        Assert.True(post.SignatureValid);
        Assert.Equal("IndexerLag", post.Json.GetProperty("alert").GetProperty("kind").GetString());
        return post.Json;
    }

    private async Task<ChildProcess> StartAnvilAsync()
    {
        var anvil = ChildProcess.Start(RepoPaths.Anvil, ["--host", "127.0.0.1", "--port", _anvilPort.ToString(), "--chain-id", "31337",
            "--state", _stateFile, "--state-interval", "1", "--silent"]);
        await WaitAsync("anvil answers", async () => { try { await Probe.BlockNumberAsync(); return true; } catch (HttpRequestException) { return false; } }, 30);
        return anvil;
    }

    /// <summary>The host as test.sh built it (signals reach the process itself, not a `dotnet run` wrapper).</summary>
    private static string Dll(string name) =>
        File.Exists(RepoPaths.HostDll(name)) ? RepoPaths.HostDll(name) : throw new InvalidOperationException($"src/{name} is not built: run ./test.sh (it builds the solution first)");

    private static async Task<bool?> StaleAsync(HttpClient web)
    {
        try { return JsonDocument.Parse(await web.GetStringAsync("/api/v1/status")).RootElement.GetProperty("stale").GetBoolean(); }
        catch (HttpRequestException) { return null; }
    }

    private static async Task<HttpStatusCode?> TryGetAsync(HttpClient web, string path)
    {
        try { using var r = await web.GetAsync(path); return r.StatusCode; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return null; }
    }

    private async Task WaitAsync(string what, Func<Task<bool>> done, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting until {what}. Indexer output:\n{_indexer?.Output[^Math.Min(_indexer.Output.Length, 4000)..]}");
            await Task.Delay(250);
        }
    }

    public async Task DisposeAsync()
    {
        if (_web is not null) await _web.DisposeAsync();
        foreach (var child in new[] { _indexer, _simulator, _anvil })
            if (child is not null) await child.DisposeAsync();
        await _cluster.DisposeAsync();
        await _webhook.DisposeAsync();
        File.Delete(_stateFile);
    }
}
