using LeveragedTokens.Hosting;
using LeveragedTokens.Indexer.Hosting;

namespace LeveragedTokens.Indexer;

/// <summary>
/// Follows the chain into Postgres; `--until-head` exits 0 once everything up to head minus
/// confirmations is stored. Configuration: appsettings.json, then environment variables.
/// In a namespace, not top-level: the web host's global Program stays the only one for the test kit.
/// </summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => ConfigurationErrors.RunAsync(() =>
    {
        var builder = Host.CreateApplicationBuilder(IndexerCommandLine.Normalize(args));
        builder.AddHostDefaults("indexer");
        builder.AddDashboardDatabase();
        builder.AddIndexerPipeline();
        builder.AddIndexerWorker();
        return builder.Build();
    }, checkBeforeStart: services => services.GetRequiredService<ChainCheck>().RunAsync(CancellationToken.None));
}
