using LeveragedTokens.Hosting;
using LeveragedTokens.Stress;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LeveragedTokens.StressCli;

/// <summary>One stress run, printed as the API's JSON or as its CSV export; the inputs are the API's, spelled as options.</summary>
public static class StressCommand
{
    public const string Usage =
        "usage: stress (--shocks BTC:-30,ETH:+10 | --path BTC:-2x24 | --replay-from <block> --replay-to <block>) " +
        "[--hours <1-720>] [--liquidity <multiplier>] [--at-block <block>] [--chain-id <id>] [--format json|csv]";

    /// <summary>0: printed; 1: the request was refused (the API's 400/404 reason on stderr); 2: bad configuration or no database.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, IConfiguration options, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        var format = StressFormat.Json;
        if (options["format"] is { } text && !StressExport.TryFormat(text, out format))
            return Refuse(errors, "'format' must be json or csv.");
        if (!StressRequestText.TryParse(options["shocks"], options["path"], options["hours"], options["liquidity"], options["at-block"],
                options["replay-from"], options["replay-to"], options["chain-id"], out var request, out var error))
            return Refuse(errors, error!);
        try
        {
            var (report, failure, _) = await services.GetRequiredService<StressService>().RunAsync(request!, ct);
            if (report is null) return Refuse(errors, failure!);
            await output.WriteAsync(StressExport.Write(report.ToDto(), format));
            await output.FlushAsync(ct);
            return 0;
        }
        catch (NpgsqlException e)
        {
            await errors.WriteLineAsync($"Cannot read the index: {e.Message}");
            return ConfigurationErrors.ExitCode;
        }
    }

    private static int Refuse(TextWriter errors, string reason)
    {
        errors.WriteLine(reason);
        errors.WriteLine(Usage);
        return 1;
    }
}
