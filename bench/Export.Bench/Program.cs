using LeveragedTokens.Export.Bench;

return await ExportBenchmark.RunAsync(args);
