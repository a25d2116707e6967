using System.Globalization;
using System.Text.Json;
using LeveragedTokens.Dashboard.Web.Live;
using LeveragedTokens.Freshness.Bench;
using LeveragedTokens.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

// "New rebalance mined -> visible on an open page": the overview open in Chromium on a running stack
// (web host, indexer following the node, anvil with a simulated history), then per round the simulator's
// `shock` mines a tick that rebalances; times from the block appearing on the node and from the indexer's
// commit (its NOTIFY) to the rebalance's link appearing in the page's DOM (a MutationObserver's clock).
//   dotnet Freshness.Bench.dll --url http://127.0.0.1:5180 --rpc http://127.0.0.1:8545 --connection "Host=..." [--rounds 5]
var opt = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => args.ElementAtOrDefault(x.i + 1) ?? "");
string Arg(string name, string? fallback = null) => opt.GetValueOrDefault(name) ?? fallback ?? throw new ArgumentException($"--{name} is required");
var url = Arg("url").TrimEnd('/');
var rpc = Arg("rpc");
var rounds = int.Parse(Arg("rounds", "5"), CultureInfo.InvariantCulture);
var token = Arg("token", "BTC3L");
var underlying = Arg("underlying", "BTC");

var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Dashboard"] = Arg("connection") }).Build();
var commits = new CommitClock();
using var listener = new NotificationListener(config, [commits], NullLogger<NotificationListener>.Instance);
await listener.StartAsync(CancellationToken.None);
await using var blocks = new BlockClock(rpc);
await blocks.StartAsync();
await using var chromium = await Chromium.LaunchAsync();
var page = await chromium.NewPageAsync();
await page.GotoAsync(url + "/");
await page.Locator("[data-testid=main][data-interactive=true]").WaitForAsync(new() { Timeout = 60_000 });
// Every rebalance link's first appearance, by href, on the browser's clock (the same machine's).
await page.EvaluateAsync("""
    () => {
      window.__links = {};
      const note = () => { for (const a of document.querySelectorAll('a[href*="/rebalances/0x"]')) {
        const h = a.getAttribute('href').toLowerCase(); if (!(h in window.__links)) window.__links[h] = Date.now(); } };
      note();
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['href'] });
    }
    """);

using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
var results = new List<Dictionary<string, long?>>();
for (var i = 0; i < rounds; i++)
{
    var before = blocks.Head;
    var move = i % 2 == 0 ? -20 : 20;
    await SimulatorProcess.ShockAsync(rpc, $"{underlying}:{move:+0;-0}");
    var (txHash, block) = await NewRebalanceAsync(before);
    var dom = await SeenInPageAsync(txHash);
    var mined = blocks.SeenAt(block);
    var commit = mined is { } m ? commits.FirstSince(m) : null;
    var round = new Dictionary<string, long?>
    {
        ["block"] = block, ["minedToCommitMs"] = commit - mined, ["commitToDomMs"] = dom - commit, ["minedToDomMs"] = dom - mined,
    };
    results.Add(round);
    Console.Error.WriteLine($"round {i + 1}: {txHash} block {block}: " + string.Join(", ", round.Select(kv => $"{kv.Key} {kv.Value?.ToString(CultureInfo.InvariantCulture) ?? "-"}")));
    await Task.Delay(3000);
}
await listener.StopAsync(CancellationToken.None);
Console.WriteLine(JsonSerializer.Serialize(new { token, rounds = results }));
return 0;

// The token's newest rebalance, once the indexer has it above the head before the shock.
async Task<(string TxHash, long Block)> NewRebalanceAsync(long afterBlock)
{
    var deadline = DateTime.UtcNow.AddSeconds(60);
    while (DateTime.UtcNow < deadline)
    {
        var items = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/tokens/{token}/rebalances?limit=1")).RootElement.GetProperty("items");
        if (items.GetArrayLength() > 0 && items[0].GetProperty("source") is var source && source.GetProperty("blockNumber").GetInt64() > afterBlock)
            return (source.GetProperty("txHash").GetString()!.ToLowerInvariant(), source.GetProperty("blockNumber").GetInt64());
        await Task.Delay(50);
    }
    throw new TimeoutException($"no rebalance of {token} indexed above block {afterBlock} within 60 s: did the shock move its leverage out of band?");
}

// When the page showed a link to the rebalance (its href holds the transaction hash).
async Task<long> SeenInPageAsync(string txHash)
{
    var deadline = DateTime.UtcNow.AddSeconds(60);
    while (DateTime.UtcNow < deadline)
    {
        var seen = await page.EvaluateAsync<double?>("h => { for (const [k, v] of Object.entries(window.__links)) if (k.includes(h)) return v; return null; }", txHash);
        if (seen is { } ms) return (long)ms;
        await Task.Delay(20);
    }
    throw new TimeoutException($"the page never showed rebalance {txHash}");
}
