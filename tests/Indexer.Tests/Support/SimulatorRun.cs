using System.Diagnostics;
using System.Text.Json;
using LeveragedTokens.TestSupport;

namespace LeveragedTokens.Indexer.Tests.Support;

/// <summary>The reference simulator, driven the way scripts drive it; its last stdout line describes the deployment.</summary>
public static class SimulatorRun
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
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var json = JsonDocument.Parse(last).RootElement;
        return new Deployment(json.GetProperty("chainId").GetInt64(), json.GetProperty("registryAddress").GetString()!, json.GetProperty("deploymentBlock").GetInt64());
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
