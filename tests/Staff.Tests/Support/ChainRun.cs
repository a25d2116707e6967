extern alias indexer;

using System.Diagnostics;
using System.Text.Json;
using LeveragedTokens.Data;
using indexer::LeveragedTokens.Indexer;
using indexer::LeveragedTokens.Indexer.Hosting;
using indexer::LeveragedTokens.Indexer.Sync;
using LeveragedTokens.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeveragedTokens.Staff.Tests.Support;

/// <summary>The reference simulator (as a process, the way scripts run it) and the real indexer's services, polled by the test.</summary>
public static class ChainRun
{
    public sealed record Deployment(long ChainId, string RegistryAddress, long DeploymentBlock);

    private static readonly SemaphoreSlim BuildOnce = new(1, 1);
    private static bool _built;

    public static async Task<Deployment> SimulateAsync(string rpcUrl, int days, int seed)
    {
        var project = Path.Combine(RepoPaths.Root, "src", "Simulator");
        await BuildOnce.WaitAsync();
        try
        {
            if (!_built) await RunAsync("build", project, "-v", "q", "-nologo");
            _built = true;
        }
        finally
        {
            BuildOnce.Release();
        }
        var output = await RunAsync("run", "--no-build", "--project", project, "--", "simulate", "--rpc", rpcUrl, "--days", days.ToString(), "--seed", seed.ToString());
        var json = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]).RootElement;
        return new Deployment(json.GetProperty("chainId").GetInt64(), json.GetProperty("registryAddress").GetString()!, json.GetProperty("deploymentBlock").GetInt64());
    }

    /// <summary>The indexer's own services (not started): the test calls its syncer poll by poll.</summary>
    public static async Task<(IHost Host, ChainSyncer Syncer)> IndexerAsync(string rpcUrl, string connectionString, Deployment deployment, int maxRange)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = connectionString,
            ["Chain:RpcUrl"] = rpcUrl,
            ["Chain:RegistryAddress"] = deployment.RegistryAddress,
            ["Chain:StartBlock"] = deployment.DeploymentBlock.ToString(),
            ["Chain:Confirmations"] = "0",
            ["Chain:InitialRange"] = maxRange.ToString(),
            ["Chain:MaxRange"] = maxRange.ToString(),
            ["Indexer:EnableJobs"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddDataServices();
        builder.AddIndexer();
        var host = builder.Build();
        var chainId = await host.Services.GetRequiredService<ChainCheck>().RunAsync(CancellationToken.None);
        var syncer = host.Services.GetRequiredService<ChainSyncer>();
        await syncer.InitializeAsync(chainId, CancellationToken.None);
        return (host, syncer);
    }

    private static async Task<string> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed: {await stdout} {await stderr}");
        return await stdout;
    }
}
