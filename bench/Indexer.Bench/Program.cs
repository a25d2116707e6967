using LeveragedTokens.Indexer.Bench;

// Backfill of >= 200,000 events from a local anvil, beside two baselines measured in the same
// run: fetching the same logs alone, and COPYing the same rows alone. Writes docs/benchmarks.md.
var events = args.Length > 0 ? int.Parse(args[0]) : 200_000;
var result = await BackfillBenchmark.RunAsync(events);
Console.WriteLine(result.ToMarkdown());
if (!args.Contains("--no-write")) await BenchmarkReport.WriteAsync(result);
return 0;
