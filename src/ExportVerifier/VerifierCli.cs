using LeveragedTokens.Chain;
using LeveragedTokens.Exports.Verification;
using Npgsql;

namespace LeveragedTokens.ExportVerifier;

/// <summary>
/// verify-export &lt;file&gt; --rpc &lt;url&gt;: checks the node is the manifest's chain, re-reads every row's log, and
/// proves the file complete over its covered blocks; one line per finding (MISMATCH, OMITTED, EXTRA).
/// Exit codes: 0 all rows match and none is missing, 1 any finding, 2 usage or I/O error or a refusal (another chain, no manifest).
/// </summary>
public static class VerifierCli
{
    public const string Usage = """
        usage: verify-export <file.csv|file.jsonl|file.xlsx> --rpc <json-rpc url> [--max-report <n>]
               export --db <connection string> --out <folder> [--dataset rebalances|reserve-ledger|reserve-metrics] [--format csv|jsonl|xlsx] [filters]
               reconcile --db <connection string> --chain <id> --pool <address> [--rpc <url>] [--out report.csv|report.json] [filters]
        filters: --chain --token --pool --from-block --to-block --from-time --to-time (ISO 8601, UTC)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (args.FirstOrDefault() is "export" or "reconcile")
        {
            try
            {
                var options = Options(args.Skip(1).ToArray());
                return args[0] == "export"
                    ? await AuditCommands.ExportAsync(options, stdout, ct)
                    : await AuditCommands.ReconcileAsync(options, stdout, ct);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or NpgsqlException or RpcCallFailedException or InvalidOperationException)
            {
                await stderr.WriteLineAsync($"{args[0]}: {e.Message}");
                return 2;
            }
        }
        var list = args.ToList();
        if (list.FirstOrDefault() == "verify-export") list.RemoveAt(0);
        string? file = null, rpc = null;
        var maxReport = 200;
        for (var i = 0; i < list.Count; i++)
        {
            switch (list[i])
            {
                case "--rpc" when i + 1 < list.Count: rpc = list[++i]; break;
                case "--max-report" when i + 1 < list.Count && int.TryParse(list[i + 1], out var m): maxReport = m; i++; break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && file is null: file = a; break;
                default: await stderr.WriteLineAsync(Usage); return 2;
            }
        }
        if (file is null || rpc is null || !Uri.TryCreate(rpc, UriKind.Absolute, out var endpoint))
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"no such file: {file}");
            return 2;
        }

        VerificationResult result;
        try
        {
            result = await new ExportVerification(Node(endpoint)).VerifyFileAsync(file, ct);
        }
        catch (VerificationRefusedException e)
        {
            await stderr.WriteLineAsync($"refused: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is RpcCallFailedException or InvalidOperationException or FormatException or NotSupportedException)
        {
            await stderr.WriteLineAsync($"verification could not run: {e.Message}");
            return 2;
        }
        foreach (var finding in result.Findings.Take(maxReport)) await stdout.WriteLineAsync(finding.ToString());
        if (result.Findings.Count > maxReport)
            await stdout.WriteLineAsync($"... and {result.Findings.Count - maxReport} more");
        await stdout.WriteLineAsync($"completeness: {result.Completeness}");
        var kinds = result.Findings.CountBy(f => f.Kind).ToDictionary();
        await stdout.WriteLineAsync(result.Passed
            ? $"OK: {result.RowsChecked} rows match the chain"
            : $"FAILED: {result.Findings.Count} findings ({kinds.GetValueOrDefault(FindingKind.Mismatch)} mismatches, "
              + $"{kinds.GetValueOrDefault(FindingKind.Omitted)} omitted, {kinds.GetValueOrDefault(FindingKind.Extra)} extra) in a file of {result.RowsChecked} rows");
        return result.Passed ? 0 : 1;
    }

    /// <summary>The node named by --rpc: a slow archive node gets a minute an attempt, and three attempts.</summary>
    internal static ChainRpc Node(Uri endpoint) =>
        ChainRpc.Create(new ChainRpcOptions { Urls = [endpoint.ToString()], RequestTimeout = TimeSpan.FromSeconds(60), MaxAttempts = 3 });

    /// <summary>"--key value" pairs.</summary>
    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"expected --option value, got '{args[i]}'");
            options[args[i][2..]] = args[i + 1];
        }
        return options;
    }
}
