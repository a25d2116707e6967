using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog;

namespace LeveragedTokens.Hosting;

/// <summary>Runs a host so that bad configuration ends it with one clear line and exit code 2, not a start-up stack trace.</summary>
public static class ConfigurationErrors
{
    public const int ExitCode = 2;

    public static async Task<int> RunAsync(Func<IHost> build)
    {
        Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
        try
        {
            using var host = build();
            // Every ValidateOnStart option, checked before any hosted service starts.
            host.Services.GetService<IStartupValidator>()?.Validate();
            await host.RunAsync();
            return Environment.ExitCode;
        }
        catch (OptionsValidationException e)
        {
            Log.Fatal("Invalid configuration: {Errors}", string.Join(" ", e.Failures));
            return ExitCode;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            Log.Fatal("Invalid configuration: {Errors}", string.Join(" ", e.InnerExceptions.SelectMany(i => ((OptionsValidationException)i).Failures)));
            return ExitCode;
        }
        catch (MissingConnectionStringException e)
        {
            Log.Fatal("Invalid configuration: {Error}", e.Message);
            return ExitCode;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }
}
