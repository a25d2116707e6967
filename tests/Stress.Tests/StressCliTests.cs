using System.Text.Json.Nodes;
using LeveragedTokens.Stress.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Stress.Tests;

/// <summary>The stress command (src/StressCli) run as a process over the indexed history: its output is the API's answer.</summary>
[Collection(IndexedHistoryCollection.Name)]
public sealed class StressCliTests(IndexedHistory history)
{
    [Fact]
    public async Task TheCommandPrintsTheApisAnswerForTheSameInputsAsJsonAndAsCsv()
    {
        await using var db = await history.Contexts.CreateDbContextAsync();
        var ticks = await db.ReserveMetrics.Select(m => new { m.Hour, m.BlockNumber }).Distinct().OrderBy(m => m.Hour).ToListAsync();
        var (at, from, to) = (ticks[^10].BlockNumber, ticks[20].BlockNumber, ticks[44].BlockNumber);
        await using var web = DashboardWebFactory.Create(history.ConnectionString);
        var client = web.CreateClient();

        (string Query, string[] Args)[] cases =
        [
            ($"shocks=BTC:-30&hours=24&liquidity=1&atBlock={at}", ["--shocks", "BTC:-30", "--hours", "24", "--liquidity", "1", "--at-block", $"{at}"]),
            ($"path=SOL:%2B2x6;-5,ETH:-1x12&liquidity=0.33&atBlock={at}", ["--path", "SOL:+2x6;-5,ETH:-1x12", "--liquidity", "0.33", "--at-block", $"{at}"]),
            ($"replayFrom={from}&replayTo={to}&atBlock={at}", ["--replay-from", $"{from}", "--replay-to", $"{to}", "--at-block", $"{at}"]),
        ];
        foreach (var (query, args) in cases)
        {
            var api = await client.GetStringAsync("/api/v1/stress?" + query);
            var json = await Cli([.. args, "--format", "json"]);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(api), JsonNode.Parse(json)), $"{query}:\nAPI {api[..300]}\nCLI {json[..Math.Min(300, json.Length)]}");
            Assert.Equal(at, JsonNode.Parse(json)!["atBlock"]!.GetValue<long>());

            var csv = await Cli([.. args, "--format", "csv"]);
            Assert.Equal(await client.GetStringAsync($"/api/v1/stress?{query}&format=csv"), csv);
            Assert.Contains($"parameter,,,,atBlock,,{at}\r\n", csv);
        }
        // JSON is the default format.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await Cli(cases[0].Args)), JsonNode.Parse(await client.GetStringAsync("/api/v1/stress?" + cases[0].Query))));
    }

    [Fact]
    public async Task ARefusedScenarioExitsWithTheApisReason()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Cli(["--shocks", "DOGE:-30"]));
        Assert.Contains("failed (1)", error.Message);
        Assert.Contains("Unknown underlying 'DOGE'", error.Message);
    }

    private Task<string> Cli(string[] args) =>
        ProjectProcess.RunAsync("StressCli", [.. args, "--ConnectionStrings:Dashboard", history.ConnectionString]);
}
