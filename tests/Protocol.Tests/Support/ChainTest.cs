using Nethereum.RPC.Eth.DTOs;

namespace LeveragedTokens.Protocol.Tests.Support;

/// <summary>A test class whose every test starts on a fresh anvil with the keeper's session on it.</summary>
public abstract class ChainTest : IAsyncLifetime
{
    protected ProtocolHarness Chain { get; private set; } = null!;

    public async Task InitializeAsync() => Chain = await ProtocolHarness.StartAsync();
    public async Task DisposeAsync() => await Chain.DisposeAsync();

    /// <summary><paramref name="spec"/> (one BTC 3x long unless said) deployed and through its first hour, as <see cref="OpenAsync"/> plays it.</summary>
    protected async Task<DeployedProtocol> OpenedAsync(ProtocolSpec? spec = null, decimal reserve = 50m)
    {
        var protocol = await Chain.DeployAsync(spec ?? TestSpecs.OneToken());
        await OpenAsync(protocol, reserve);
        return protocol;
    }

    /// <summary>The first hour of <paramref name="protocol"/>'s first token: BTC at $60k, a $1M mint
    /// and <paramref name="reserve"/> BTC injected into its pool.</summary>
    protected Task<TransactionReceipt> OpenAsync(DeployedProtocol protocol, decimal reserve = 50m) =>
        Chain.TickAsync(protocol, [60_000m], [Mint(protocol.Tokens[0], 1_000_000m)], [Inject(protocol.Pools[0], reserve)]);
}
