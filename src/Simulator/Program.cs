using System.Runtime.InteropServices;
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

// Ctrl-C in a terminal, SIGTERM from a container stop: both end live mode cleanly.
using var cancel = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

// The JSON line is printed when history is done (so a wrapper can start indexing while live
// mode runs) and again on exit, so it is always the last stdout line.
var summary = await Simulation.RunAsync(options, Console.Error, s => Console.Out.WriteLine(s.ToJson()), cancel.Token);
if (options.Live || options.Verb is "deploy" or "shock") Console.Out.WriteLine(summary.ToJson());
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}
