using System.Text.Json;
using LeveragedTokens.Protocol.Events;
using Nethereum.Contracts;

namespace LeveragedTokens.EndToEnd.Tests;

/// <summary>What a holder sees when everything runs for real: chain, simulator, indexer, web.</summary>
public sealed partial class RunningStackTests(RunningStack stack) : IClassFixture<RunningStack>
{
    private static readonly string[] DefaultSymbols = ["BTC3L", "BTC3S", "ETH3L", "ETH3S", "SOL3L"];

    [Fact]
    public async Task EveryPageShowsDataReadFromTheChain()
    {
        var page = await stack.NewPageAsync();
        await page.GotoAsync(stack.BaseUrl + "/");
        foreach (var symbol in DefaultSymbols)
            await page.GetByRole(AriaRole.Link, new() { Name = symbol, Exact = true }).WaitForAsync();

        await page.GotoAsync(stack.BaseUrl + "/tokens/SOL3L?range=all");
        Assert.True(await PageObjects.ChartPointsAsync(page, "nav-chart") >= 40, "two days of hourly NAV snapshots");

        await page.GotoAsync(stack.BaseUrl + "/reserves/SOL?range=all");
        Assert.True(await PageObjects.ChartPointsAsync(page, "utilization-chart") >= 40, "two days of hourly reserve metrics");

        await page.GotoAsync(stack.BaseUrl + "/status");
        var head = await stack.Anvil.BlockNumberAsync();
        var status = await page.Locator("[data-testid=status-table] tbody").InnerTextAsync();
        Assert.Contains(head.ToString("N0"), status);
        Assert.Contains("0 blocks", status);
    }

    [Fact]
    public async Task ARebalanceMinedDuringTheTestAppearsWithoutAReload()
    {
        var page = await stack.NewPageAsync();
        await page.GotoAsync(stack.BaseUrl + "/rebalances");
        var rows = await PageObjects.WaitForGridRowsAsync(page);
        var newestBefore = await rows.First.Locator("a[data-testid=rebalance-link]").GetAttributeAsync("href");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        // One more simulated day continues the same deployment and mines new rebalances.
        await SimulatorProcess.SimulateAsync(stack.Anvil.RpcUrl, days: 1, RunningStack.Seed);
        await stack.WaitUntilIndexedAsync(await stack.Anvil.BlockNumberAsync());

        var newestLink = rows.First.Locator("a[data-testid=rebalance-link]");
        await Assertions.Expect(newestLink).Not.ToHaveAttributeAsync("href", newestBefore!, new() { Timeout = 60_000 });
        Assert.Equal(0, navigations);

        // The row that appeared is a Rebalanced log on chain, at the transaction and index it names.
        var match = DetailLink().Match((await newestLink.GetAttributeAsync("href"))!);
        Assert.True(match.Success);
        var receipt = await stack.Anvil.CallAsync("eth_getTransactionReceipt", match.Groups["tx"].Value);
        var log = receipt.GetProperty("logs").EnumerateArray()
            .Single(l => Convert.ToInt32(l.GetProperty("logIndex").GetString(), 16) == int.Parse(match.Groups["index"].Value));
        var rebalancedTopic = "0x" + ABITypedRegistry.GetEvent<RebalancedEvent>().Sha3Signature;
        Assert.Equal(rebalancedTopic, log.GetProperty("topics")[0].GetString());
        Assert.True(Convert.ToInt64(log.GetProperty("blockNumber").GetString(), 16) > 0);
        Assert.Equal(JsonValueKind.String, log.GetProperty("transactionHash").ValueKind);
    }

    [GeneratedRegex("/rebalances/(?<tx>0x[0-9a-fA-F]{64})/(?<index>[0-9]+)$")]
    private static partial Regex DetailLink();
}
