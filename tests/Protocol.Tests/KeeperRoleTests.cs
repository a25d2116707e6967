using System.Text.Json;

namespace LeveragedTokens.Protocol.Tests;

public sealed class KeeperRoleTests : ChainTest
{
    private const string Stranger = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"; // anvil account 1

    [Fact]
    public async Task OnlyTheKeeperMayPublishPricesSnapshotsAndMetrics()
    {
        var protocol = await OpenedAsync();
        var session = Chain.Session;

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
        var protocol = await Chain.DeployAsync(TestSpecs.OneToken());
        var token = protocol.Tokens[0].Address;

        // No state-changing function of a token takes a threshold.
        var writers = JsonDocument.Parse(ContractArtifact.LeveragedToken.Abi).RootElement.EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "function" && e.GetProperty("stateMutability").GetString() is "nonpayable" or "payable")
            .Select(e => e.GetProperty("name").GetString())
            .Order()
            .ToList();
        Assert.Equal(["approve", "collectFees", "mint", "publishNavSnapshot", "rebalance", "redeem", "transfer", "transferFrom"], writers);

        await Reverts.WithAsync<AlreadyRegisteredError>(() => Chain.Session.CallAsync<RegisterTokenFunction, bool>(
            protocol.Registry, new RegisterTokenFunction { Token = token }));

        var registered = Assert.Single(await Chain.LogsAsync<TokenRegisteredEvent>(protocol.Registry)).Event;
        Assert.Equal(registered.TargetLeverage, await Chain.ReadAsync<TargetLeverageFunction, BigInteger>(token));
        Assert.Equal(registered.MinLeverage, await Chain.ReadAsync<MinLeverageFunction, BigInteger>(token));
        Assert.Equal(registered.MaxLeverage, await Chain.ReadAsync<MaxLeverageFunction, BigInteger>(token));
        Assert.Equal(registered.FallbackInterval, await Chain.ReadAsync<FallbackIntervalFunction, uint>(token));
        Assert.Equal((Wad.From(3m), Wad.From(2.5m), Wad.From(3.5m), 86_400u),
            (registered.TargetLeverage, registered.MinLeverage, registered.MaxLeverage, registered.FallbackInterval));
    }
}
