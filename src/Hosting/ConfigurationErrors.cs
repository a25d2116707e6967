using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog;

namespace LeveragedTokens.Hosting;

/// <summary>
/// Runs a host so that bad configuration, or a failed start-up check or database, ends it with one clear line
/// and exit code 2, not a start-up stack trace.
/// </summary>
public static class ConfigurationErrors
{
    public const int ExitCode = 2;

    /// <param name="checkBeforeStart">Runs before any hosted service (migrations included), so a wrong node fails fast.</param>
    public static async Task<int> RunAsync(Func<IHost> build, Func<IServiceProvider, Task>? checkBeforeStart = null)
    {
        Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
        try
        {
            using var host = build();
            // Every ValidateOnStart option, checked before any hosted service starts.
            host.Services.GetService<IStartupValidator>()?.Validate();
            if (checkBeforeStart is not null) await checkBeforeStart(host.Services);
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
        catch (Exception e) when (e is StartupCheckException or Npgsql.NpgsqlException)
        {
            Log.Fatal("Start-up check failed: {Reason}", e.Message);
            return ExitCode;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }
}

/// <summary>A start-up check found the host cannot do its work (a wrong node, a missing contract).</summary>
public class StartupCheckException(string message) : Exception(message);
