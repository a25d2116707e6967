using LeveragedTokens.Indexer.Bench;

// The indexer against the node's and Postgres' limits, on fresh anvils: <events> Rebalanced logs at each
// density (default 200,000 at 50 and at 500 a block; 0 skips them), and the indexer alone on a chain of <memory-events>
// (default 2,000,000 at 500 a block; 0 skips it) for its memory. Writes docs/benchmarks.md unless --no-write.
// BENCH_DENSITIES=500 runs one density only; BENCH_SHOW_INDEXER=1 prints the indexer's own log.
var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var events = numbers.Length > 0 ? int.Parse(numbers[0]) : 200_000;
var memoryEvents = numbers.Length > 1 ? int.Parse(numbers[1]) : 2_000_000;
var runs = new List<ChainRun>();
foreach (var perBlock in events == 0 ? [] : (Environment.GetEnvironmentVariable("BENCH_DENSITIES") ?? "50,500").Split(",").Select(int.Parse)) runs.Add(await BackfillBenchmark.RunAsync(events, perBlock, indexerOnly: false));
if (memoryEvents > 0) runs.Add(await BackfillBenchmark.RunAsync(memoryEvents, 500, indexerOnly: true));
var result = new BenchmarkResult(runs, DateTime.UtcNow);
Console.WriteLine(result.ToMarkdown());
if (!args.Contains("--no-write")) await BenchmarkReport.WriteAsync(result);
return 0;
