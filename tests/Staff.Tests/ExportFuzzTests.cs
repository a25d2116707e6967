namespace LeveragedTokens.Staff.Tests;

/// <summary>Hostile query values on every export endpoint: never a server error, never an internal detail in the answer.</summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class ExportFuzzTests(ExportWebFixture fixture) : IClassFixture<ExportWebFixture>
{
    private static readonly string[] Values =
    [
        "", " ", "0", "-1", "-9223372036854775808", "9223372036854775807", "99999999999999999999999999999", "NaN", "0x", "0xZZ",
        "0x" + new string('f', 40), "0x" + new string('a', 200), "' OR 1=1 --", "'; DROP TABLE rebalances; --", "<script>alert(1)</script>",
        "%00", "../../etc/passwd", "\u202e\u0000", "Ωmega日本語", "2026-13-45T99:99:99Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
        new string('9', 400), new string('x', 3000),
    ];

    private static readonly string[] Leaks = ["   at ", "Exception", "Npgsql", "Host=", "Password=", "StackTrace", "LeveragedTokens."];

    public static TheoryData<string, bool> Templates => new()
    {
        { "/api/v1/exports/rebalances.csv?token={v}", false },
        { "/api/v1/exports/rebalances.jsonl?from={v}", false },
        { "/api/v1/exports/rebalances.csv?to={v}", false },
        { "/api/staff/exports/{v}", true },
        { "/api/staff/exports/rebalances.{v}", true },
        { "/api/staff/exports/reserve-ledger.csv?pool={v}", true },
        { "/api/staff/exports/rebalances.jsonl?fromBlock={v}", true },
        { "/api/staff/exports/reserve-metrics.csv?toBlock={v}&chainId={v}", true },
        { "/api/staff/reconciliation/{v}", true },
        { "/api/staff/reconciliation/BTC.csv?from={v}", true },
    };

    [Theory, MemberData(nameof(Templates))]
    public async Task HostileValuesAreAnsweredWithoutServerErrorsOrLeaks(string template, bool auditor)
    {
        var client = auditor ? await fixture.App.SignedInClientAsync("auditor@example.test") : fixture.App.Client();
        var failures = new List<string>();
        // The in-memory test client itself refuses a NUL in the path (Kestrel answers 400).
        var query = template.IndexOf('?');
        var inPath = query < 0 || template.IndexOf("{v}", StringComparison.Ordinal) < query;
        foreach (var value in Values.Where(v => !(inPath && v.Contains('\0'))))
        {
            var url = template.Replace("{v}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode} for {url}");
            failures.AddRange(Leaks.Where(l => body.Contains(l, StringComparison.Ordinal)).Select(l => $"'{l}' in the answer to {url}"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }
}
