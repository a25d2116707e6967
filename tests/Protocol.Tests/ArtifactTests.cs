using System.Diagnostics;

namespace LeveragedTokens.Protocol.Tests;

public sealed class ArtifactTests
{
    [Fact]
    public async Task CommittedArtifactsMatchAFreshCompileOfTheSources()
    {
        var psi = new ProcessStartInfo("node", ["tools/chain/compile.mjs", "--check"])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var compile = Process.Start(psi)!;
        var errors = compile.StandardError.ReadToEndAsync();
        await compile.StandardOutput.ReadToEndAsync();
        await compile.WaitForExitAsync();
        Assert.True(compile.ExitCode == 0, $"artifacts are stale; run node tools/chain/compile.mjs\n{await errors}");
    }
}
