using LeveragedTokens.Hosting;
using LeveragedTokens.Staff;
using LeveragedTokens.Stress;
using LeveragedTokens.StressCli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

// stress --shocks BTC:-30 --hours 24 --liquidity 1 --at-block N --format json|csv (or --path, --replay-from/--replay-to):
// the API's answer for the same inputs, from the indexed state in Postgres (ConnectionStrings__Dashboard).
var builder = Host.CreateApplicationBuilder(args);
try
{
    builder.AddHostDefaults("stress-cli");
    builder.AddDashboardDatabase();
    // The staff thresholds give each pool's runway window, as on the reserve page.
    builder.AddStaffAlerts();
    builder.Services.AddStress();
}
catch (MissingConnectionStringException e)
{
    Console.Error.WriteLine(e.Message);
    return ConfigurationErrors.ExitCode;
}
// Built, never started: the command reads the index and leaves migrations and jobs to the hosts that own them.
using var host = builder.Build();
// The scenario comes from the command line alone: the host's configuration also holds every environment variable (PATH...).
var inputs = new ConfigurationBuilder().AddCommandLine(args).Build();
return await StressCommand.RunAsync(host.Services, inputs, Console.Out, Console.Error, CancellationToken.None);
