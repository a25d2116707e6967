namespace LeveragedTokens.Indexer.Tests;

/// <summary>The one JSON-RPC client's pipeline against a real anvil: failover, retries by kind, range errors left to the caller.</summary>
public sealed class RpcClientTests
{
    [Fact]
    public async Task TheSecondNodeAnswersWhenTheFirstRefusesConnections()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var dead = $"http://127.0.0.1:{FreePort.Next()}/"; // nothing listens there
        var rpc = ChainRpc.Create(new ChainRpcOptions { Urls = [dead, anvil.RpcUrl], MaxAttempts = 2 });

        Assert.Equal(await anvil.BlockNumberAsync(), await rpc.BlockNumberAsync(CancellationToken.None));
        Assert.Equal(RpcLogText.Redact(anvil.RpcUrl), rpc.Nodes.Current.LogName);
        Assert.Equal(1, rpc.Nodes.All[0].ConsecutiveFailures);
        Assert.Equal(0, rpc.Nodes.All[1].ConsecutiveFailures);
    }

    [Fact]
    public async Task RateLimitsHttpErrorsAndBrokenBodiesAreRetriedUntilTheCallSucceeds()
    {
        await using var anvil = await AnvilNode.StartAsync();
        await using var proxy = new FaultProxy(anvil.RpcUrl, emptyFirstLogAnswers: false, maxSpan: 5);
        var rpc = ChainRpc.Create(new ChainRpcOptions { Urls = [proxy.Url], RequestTimeout = TimeSpan.FromSeconds(1) });

        for (var i = 0; i < 30; i++) Assert.Equal(31337, await rpc.ChainIdAsync(CancellationToken.None));

        foreach (var fault in new[] { "429", "500", "truncated", "timeout" }) Assert.True(proxy.Served.ContainsKey(fault), fault + " never served");
    }

    [Fact]
    public void RateLimitsBackOffLongerThanOtherFailures()
    {
        var limited = RpcFailure.Classify(new HttpRequestException("", null, System.Net.HttpStatusCode.TooManyRequests));
        var limitedByError = RpcFailure.Classify(new JsonRpcErrorException("eth_getLogs", -32005, "rate limit reached", null));
        var broken = RpcFailure.Classify(new RpcAnswerException("eth_getLogs: broken JSON answer"));
        Assert.Equal(RpcFailureKind.RateLimited, limited.Kind);
        Assert.Equal(RpcFailureKind.RateLimited, limitedByError.Kind);
        Assert.Equal(RpcFailureKind.Transient, broken.Kind);
        for (var attempt = 1; attempt <= 4; attempt++)
            Assert.True(RpcBackoff.Delay(attempt, RpcFailureKind.RateLimited) >= RpcBackoff.Delay(attempt, RpcFailureKind.Transient) * 2.5);
    }

    [Fact]
    public async Task ARangeTooLargeAnswerGoesToTheCallerWithoutARetry()
    {
        await using var anvil = await AnvilNode.StartAsync();
        await using var proxy = new FaultProxy(anvil.RpcUrl, emptyFirstLogAnswers: false, maxSpan: 5);
        var rpc = ChainRpc.Create(new ChainRpcOptions { Urls = [proxy.Url] });

        var failed = await Assert.ThrowsAsync<RpcCallFailedException>(() =>
            rpc.LogsAsync(new LogFilter(0, 100, ["0x0000000000000000000000000000000000000001"]), CancellationToken.None));

        Assert.Equal(RpcFailureKind.RangeTooLarge, failed.Failure.Kind);
        Assert.Equal(1, proxy.Served["range"]);
    }
}
