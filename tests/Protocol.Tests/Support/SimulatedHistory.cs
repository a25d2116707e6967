using LeveragedTokens.Protocol.Deployment;
using LeveragedTokens.Simulator;

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
        Chain = await ProtocolHarness.StartAsync();
        var options = SimulateOptions.Parse(["simulate", "--rpc", Chain.Node.RpcUrl, "--days", $"{Days}", "--seed", "5"]);
        await Simulation.RunAsync(options, TextWriter.Null, null, CancellationToken.None);
        Protocol = (await ProtocolDeployer.FindAsync(Chain.Session))!;
    }

    public async Task DisposeAsync() => await Chain.DisposeAsync();
}
