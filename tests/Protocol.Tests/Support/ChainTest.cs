namespace LeveragedTokens.Protocol.Tests.Support;

/// <summary>A test class whose every test starts on a fresh anvil with the keeper's session on it.</summary>
public abstract class ChainTest : IAsyncLifetime
{
    protected ProtocolHarness Chain { get; private set; } = null!;

    public async Task InitializeAsync() => Chain = await ProtocolHarness.StartAsync();
    public async Task DisposeAsync() => await Chain.DisposeAsync();
}
