using System.Numerics;
using System.Text.Json;
using LeveragedTokens.Protocol.Deployment;
using LeveragedTokens.Protocol.Errors;
using LeveragedTokens.Protocol.Events;
using LeveragedTokens.Protocol.Functions;
using LeveragedTokens.Protocol.Tests.Support;
using static LeveragedTokens.Protocol.Tests.Support.ProtocolHarness;

namespace LeveragedTokens.Protocol.Tests;

public sealed class KeeperRoleTests : IAsyncLifetime
{
    private const string Stranger = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"; // anvil account 1
    private ProtocolHarness _chain = null!;

    public async Task InitializeAsync() => _chain = await StartAsync();
    public async Task DisposeAsync() => await _chain.DisposeAsync();

    [Fact]
    public async Task OnlyTheKeeperMayPublishPricesSnapshotsAndMetrics()
    {
        var protocol = await _chain.DeployAsync(TestSpecs.OneToken());
        await _chain.TickAsync(protocol, [60_000m], [Mint(protocol.Tokens[0], 1_000_000m)], [Inject(protocol.Pools[0], 50m)]);
        var session = _chain.Session;

        // The operator's own account is not the keeper either: only the registry contract is.
        await Reverts.WithAsync<NotKeeperError>(() => session.CallAsync<PublishNavSnapshotFunction, bool>(protocol.Tokens[0].Address, new()));
        await Reverts.WithAsync<NotKeeperError>(() => session.CallAsync<PublishMetricsFunction, bool>(protocol.Pools[0].Address, new()));
        await Reverts.WithAsync<NotKeeperError>(() => session.CallAsync<SetPriceFunction, bool>(
            protocol.Oracle, new SetPriceFunction { Asset = ProtocolDeployer.AssetKey("BTC"), Price = 1 }));
        var notOperator = await Reverts.WithAsync<NotOperatorError>(() => session.CallAsync<TickFunction, bool>(
            protocol.Registry, new TickFunction { Prices = [Wad.From(1m)], FromAddress = Stranger }));
        Assert.Equal(Stranger, notOperator.Caller, ignoreCase: true);
    }

    [Fact]
    public async Task ThresholdsStayAsRegisteredBecauseNothingCanChangeThem()
    {
        var protocol = await _chain.DeployAsync(TestSpecs.OneToken());
        var token = protocol.Tokens[0].Address;

        // No state-changing function of a token takes a threshold.
        var writers = JsonDocument.Parse(ContractArtifact.LeveragedToken.Abi).RootElement.EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "function" && e.GetProperty("stateMutability").GetString() is "nonpayable" or "payable")
            .Select(e => e.GetProperty("name").GetString())
            .Order()
            .ToList();
        Assert.Equal(["approve", "collectFees", "mint", "publishNavSnapshot", "rebalance", "redeem", "transfer", "transferFrom"], writers);

        await Reverts.WithAsync<AlreadyRegisteredError>(() => _chain.Session.CallAsync<RegisterTokenFunction, bool>(
            protocol.Registry, new RegisterTokenFunction { Token = token }));

        var registered = Assert.Single(await _chain.LogsAsync<TokenRegisteredEvent>(protocol.Registry)).Event;
        Assert.Equal(registered.TargetLeverage, await _chain.ReadAsync<TargetLeverageFunction, BigInteger>(token));
        Assert.Equal(registered.MinLeverage, await _chain.ReadAsync<MinLeverageFunction, BigInteger>(token));
        Assert.Equal(registered.MaxLeverage, await _chain.ReadAsync<MaxLeverageFunction, BigInteger>(token));
        Assert.Equal(registered.FallbackInterval, await _chain.ReadAsync<FallbackIntervalFunction, uint>(token));
        Assert.Equal((Wad.From(3m), Wad.From(2.5m), Wad.From(3.5m), 86_400u),
            (registered.TargetLeverage, registered.MinLeverage, registered.MaxLeverage, registered.FallbackInterval));
    }
}
