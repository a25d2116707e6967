namespace LeveragedTokens.Protocol.Tests.Support;

/// <summary>Twelve days of the default protocol played by the simulator (seed 5), stress
/// episode included, on a fresh anvil shared by the tests that audit its logs.</summary>
public sealed class SimulatedHistory : IAsyncLifetime
{
    public const int Days = 12;
    public ProtocolHarness Chain { get; private set; } = null!;
    public DeployedProtocol Protocol { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // A fixed genesis: the simulator's weather depends on the first hour played, so a genesis of "now"
        // would audit different logs every hour (and could miss a resumption inside the window).
        Chain = await ProtocolHarness.StartAsync("--timestamp", "1795694400"); // 2026-11-26T12:00:00Z
        var options = SimulateOptions.Parse(["simulate", "--rpc", Chain.Node.RpcUrl, "--days", $"{Days}", "--seed", "5"]);
        await Simulation.RunAsync(options, TextWriter.Null, null, CancellationToken.None);
        Protocol = (await ProtocolDeployer.FindAsync(Chain.Session))!;
    }

    public async Task DisposeAsync() => await Chain.DisposeAsync();
}
