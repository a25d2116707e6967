using System.Diagnostics;
using System.Text.Json;

namespace LeveragedTokens.TestSupport;

/// <summary>The deployment the simulator describes in its last stdout line.</summary>
public sealed record SimulatedDeployment(long ChainId, string RegistryAddress, long DeploymentBlock);

/// <summary>The reference simulator, run as a process the way the scripts run it.</summary>
public static class SimulatorProcess
{
    private static readonly SemaphoreSlim BuildOnce = new(1, 1);
    private static bool _built;

    public static async Task<SimulatedDeployment> SimulateAsync(string rpcUrl, int days, int seed, params string[] extraArgs)
    {
        var project = Path.Combine(RepoPaths.Root, "src", "Simulator");
        await BuildOnce.WaitAsync();
        try
        {
            // Once per test process, so a test never runs a simulator older than its sources.
            if (!_built) await RunDotnetAsync("build", project, "-v", "q", "-nologo");
            _built = true;
        }
        finally
        {
            BuildOnce.Release();
        }
        var output = await RunDotnetAsync(
            ["run", "--no-build", "--project", project, "--", "simulate", "--rpc", rpcUrl, "--days", days.ToString(), "--seed", seed.ToString(), .. extraArgs]);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var json = JsonDocument.Parse(last).RootElement;
        return new SimulatedDeployment(
            json.GetProperty("chainId").GetInt64(), json.GetProperty("registryAddress").GetString()!, json.GetProperty("deploymentBlock").GetInt64());
    }

    private static async Task<string> RunDotnetAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed ({process.ExitCode}): {await stdout} {await stderr}");
        return await stdout;
    }
}
