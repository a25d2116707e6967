namespace LeveragedTokens.Indexer.Tests;

/// <summary>Misconfiguration ends the process at once with one clear line and a non-zero exit code.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task StartupChecksFailWithOneClearLineAndANonZeroExitCode()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var registry = await LogEmitter.DeployAsync(anvil);
        await using var db = await PostgresDatabase.CreateAsync("idx");
        var good = IndexerProcess.Environment(anvil.RpcUrl, db.ConnectionString, registry.Address);

        var cases = new (string Expected, Action<Dictionary<string, string>> Change)[]
        {
            ("serves chain 31337, not chain 1", e => e["Chain__ChainId"] = "1"),
            ("has no contract code", e => e["Chain__RegistryAddress"] = "0x000000000000000000000000000000000000dEaD"),
            ("unreachable", e => e["Chain__RpcUrl"] = $"http://127.0.0.1:{FreePort.Next()}"),
            ("Chain:RegistryAddress must be", e => e["Chain__RegistryAddress"] = "not-an-address"),
            ("Chain:RpcUrl is not set", e => e.Remove("Chain__RpcUrl")),
        };
        await Task.WhenAll(cases.Select(async c =>
        {
            var env = new Dictionary<string, string>(good);
            c.Change(env);
            await using var process = IndexerProcess.Start(env, "--until-head");
            var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exitCode != 0, process.Output);
            var lines = process.Output.Split('\n').Where(l => l.Contains(c.Expected, StringComparison.Ordinal)).ToList();
            Assert.True(lines.Count >= 1, $"expected '{c.Expected}' in:\n{process.Output}");
            Assert.False(process.Output.Contains("   at ", StringComparison.Ordinal), process.Output); // no stack trace
        }));

        // And with everything right, --until-head exits 0.
        await using var ok = IndexerProcess.Start(good, "--until-head");
        Assert.Equal(0, await ok.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }
}
