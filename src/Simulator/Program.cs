using LeveragedTokens.Simulator;

SimulateOptions options;
try
{
    options = SimulateOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

// The JSON line is printed when history is done (so a wrapper can start indexing while live
// mode runs) and again on exit, so it is always the last stdout line.
var summary = await Simulation.RunAsync(options, Console.Error, s => Console.Out.WriteLine(s.ToJson()), cancel.Token);
if (options.Live || options.Verb == "deploy") Console.Out.WriteLine(summary.ToJson());
return 0;
