namespace LeveragedTokens.Operations.Tests;

/// <summary>
/// Every API endpoint and page with fuzzed path segments and query values: each answer is a 2xx,
/// 3xx or 4xx, and none carries a stack trace, a type name or connection details.
/// </summary>
[Collection(OpsSiteCollection.Name)]
public sealed class HostileInputTests(OpsSite site)
{
    public static readonly string[] Values =
    [
        "", " ", "0", "-1", "-9223372036854775808", "9223372036854775807", "99999999999999999999999999999999999999",
        "1e308", "NaN", "-Infinity", "0x", "0xZZ", "0x" + new string('f', 64), "0x" + new string('g', 64), "0x" + new string('a', 200),
        "' OR 1=1 --", "'; DROP TABLE rebalances; --", "1; SELECT pg_sleep(5)", "\" onmouseover=alert(1) x=\"",
        "<script>alert(1)</script>", "javascript:alert(1)", "%00", "%0d%0aSet-Cookie:%20x=1", "../../etc/passwd", "..%2f..%2fetc%2fpasswd",
        "${jndi:ldap://x}", "{{7*7}}", "\u202e\u0000\ud83d\ude00", "Ωmega日本語", "2026-13-45T99:99:99Z", "2026-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", new string('9', 400), new string('x', 3000),
    ];

    public static readonly string[] Templates =
    [
        "/api/v1/tokens/{v}", "/api/v1/tokens/{v}/nav", "/api/v1/tokens/BTC3L/nav?from={v}", "/api/v1/tokens/BTC3L/nav?to={v}",
        "/api/v1/tokens/BTC3L/nav?from=2026-02-01T00:00:00Z&to={v}", "/api/v1/tokens/BTC3L/nav?resolution={v}",
        "/api/v1/tokens/{v}/rebalances", "/api/v1/tokens/BTC3L/rebalances?from={v}", "/api/v1/tokens/BTC3L/rebalances?to={v}",
        "/api/v1/tokens/BTC3L/rebalances?trigger={v}", "/api/v1/tokens/BTC3L/rebalances?cursor={v}", "/api/v1/tokens/BTC3L/rebalances?limit={v}",
        "/api/v1/rebalances/{v}/0", "/api/v1/rebalances/0x" + "ab" + "{v}/1", "/api/v1/rebalances/0x" + "00000000000000000000000000000000000000000000000000000000000000aa/{v}",
        "/api/v1/reserves/{v}/metrics", "/api/v1/reserves/ETH/metrics?from={v}", "/api/v1/reserves/ETH/metrics?to={v}",
        "/api/v1/reserves/ETH/metrics?resolution={v}", "/api/v1/status?x={v}", "/api/v1/{v}",
        "/?range={v}", "/tokens/{v}", "/tokens/BTC3L?range={v}", "/tokens/BTC3L?from={v}", "/tokens/BTC3L?to={v}&from=2026-01-10T00:00:00Z",
        "/reserves/{v}", "/reserves/ETH?range={v}", "/reserves/ETH?from={v}", "/reserves/ETH?to={v}",
        "/rebalances?token={v}", "/rebalances?trigger={v}", "/rebalances?direction={v}", "/rebalances?from={v}", "/rebalances?to={v}",
        "/rebalances?minDelta={v}", "/rebalances?maxDelta={v}", "/rebalances/{v}/0", "/rebalances/0x" + "00000000000000000000000000000000000000000000000000000000000000aa/{v}",
        "/status?x={v}", "/{v}",
        // Chain-scoped routes (issue 18): the chain id in the path and in the query.
        "/api/v1/tokens?chainId={v}", "/api/v1/chains/{v}/tokens", "/api/v1/chains/{v}/tokens/BTC3L", "/api/v1/chains/31337/tokens/{v}/nav",
        "/api/v1/tokens/BTC3L/rebalances?chainId={v}", "/api/v1/rebalances?chainId={v}", "/api/v1/chains/{v}/rebalances/0x" + "00000000000000000000000000000000000000000000000000000000000000aa/1",
        "/api/v1/reserves?chainId={v}", "/api/v1/chains/{v}/reserves/ETH/metrics", "/api/v1/decay-league?chainId={v}",
        "/api/v1/exports/rebalances.csv?chainId={v}", "/chains/{v}/tokens/BTC3L", "/chains/31337/tokens/{v}", "/chains/{v}/reserves/ETH",
        "/chains/{v}/rebalances", "/chains/31337/rebalances/{v}/0",
    ];

    private static readonly string[] Leaks =
    [
        "   at ", "Exception", "Npgsql", "Host=", "Password=", "Username=", "postgres", "/work/", "StackTrace", "LeveragedTokens.",
    ];

    public static TheoryData<string> AllTemplates() => [.. Templates];

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task FuzzedValuesAreAnsweredWithoutServerErrorsOrLeaks(string template)
    {
        var client = site.Client();
        var failures = new List<string>();
        foreach (var value in Values)
        {
            var url = template.Replace("{v}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            using var response = await client.GetAsync(url);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            if (status >= 500) failures.Add($"{status} for {url}");
            foreach (var leak in Leaks)
                if (body.Contains(leak, StringComparison.Ordinal)) failures.Add($"'{leak}' in the answer to {url}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public async Task RawUnescapedPathsAndMethodsAreRefusedCleanly()
    {
        var client = site.Client();
        foreach (var raw in new[] { "/tokens/%", "/api/v1/tokens/%zz", "/%2e%2e/%2e%2e/etc/passwd", "/tokens/a%00b", "/api//v1//tokens", "/api/v1/tokens/%C0%AF" })
        {
            using var response = await client.GetAsync(raw);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {raw}");
        }
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(method, "/api/v1/tokens") { Content = new StringContent("{\"a\":1}") });
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode} for {method}");
        }
        using var status = await client.GetAsync("/api/v1/status");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }
}
