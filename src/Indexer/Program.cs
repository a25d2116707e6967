using LeveragedTokens.Data;
using LeveragedTokens.Indexer;
using Microsoft.Extensions.Options;
using Serilog;

// Follows the chain into Postgres; `--until-head` exits 0 once everything up to head minus
// confirmations is stored. Configuration: appsettings.json, then environment variables.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
var switches = new Dictionary<string, string> { ["--until-head"] = "Indexer:UntilHead" };
var builder = Host.CreateApplicationBuilder(args.Select(a => a == "--until-head" ? "--until-head=true" : a).ToArray());
builder.Configuration.AddCommandLine(args.Select(a => a == "--until-head" ? "--until-head=true" : a).ToArray(), switches);
builder.Services.AddSerilog((sp, lc) => lc.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(sp));

try
{
    builder.AddDataServices();
    builder.AddIndexer();
    using var host = builder.Build();
    host.Services.ValidateIndexerOptions(); // one clear line instead of a host start-up stack trace
    await host.RunAsync();
    return Environment.ExitCode;
}
catch (OptionsValidationException e)
{
    Log.Fatal("Invalid configuration: {Errors}", string.Join(" ", e.Failures));
    return 2;
}
catch (InvalidOperationException e) when (e.Message.Contains("ConnectionStrings", StringComparison.Ordinal))
{
    Log.Fatal("Invalid configuration: {Error}", e.Message);
    return 2;
}
finally
{
    await Log.CloseAndFlushAsync();
}
