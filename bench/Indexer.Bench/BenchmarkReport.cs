using LeveragedTokens.TestSupport;

namespace LeveragedTokens.Indexer.Bench;

/// <summary>Replaces the indexer's section of docs/benchmarks.md (between its markers), leaving the others' sections alone.</summary>
public static class BenchmarkReport
{
    private const string Start = "<!-- indexer-bench:start -->";
    private const string End = "<!-- indexer-bench:end -->";

    public static async Task WriteAsync(BenchmarkResult result)
    {
        var path = Path.Combine(RepoPaths.Root, "docs", "benchmarks.md");
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path) : "# Benchmarks\n";
        var section = string.Join('\n', Start, "## Indexer backfill", "",
            "`dotnet run -c Release --project bench/Indexer.Bench` (needs TEST_PG_ADMIN like the tests) — a fresh anvil; the test emitter",
            "contract registers one token and emits NavSnapshot logs 5,000 per transaction; each row below starts from an empty database.",
            "The indexer writes two rows per event (raw_events + nav_snapshots) by COPY (temp tables + ON CONFLICT DO NOTHING if rows exist)",
            "with the checkpoint in the same transaction; the COPY baseline writes the same two rows per event straight into the tables.",
            "Single run on the shared 2-core dev machine (other engineers were building at the same time).", "",
            result.ToMarkdown(), End);
        var s = text.IndexOf(Start, StringComparison.Ordinal);
        var e = text.IndexOf(End, StringComparison.Ordinal);
        text = s >= 0 && e > s ? text[..s] + section + text[(e + End.Length)..] : text.TrimEnd() + "\n\n" + section + "\n";
        await File.WriteAllTextAsync(path, text);
    }
}
