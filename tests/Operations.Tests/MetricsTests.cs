namespace LeveragedTokens.Operations.Tests;

[Collection(OpsSiteCollection.Name)]
public sealed class MetricsTests(OpsSite site)
{
    [Fact]
    public async Task PrometheusScrapeHasRequestRatesIndexerProgressAndJobCounts()
    {
        var client = site.Client();
        await client.GetAsync("/api/v1/tokens");
        await client.GetAsync("/api/v1/tokens/NOPE");
        var text = "";
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            text = await client.GetStringAsync("/metrics");
            if (text.Contains("dashboard_indexer_lag") && text.Contains("http_server_request_duration_seconds_count")) break;
            await Task.Delay(500);
        }
        Series(text, "http_server_request_duration_seconds_count", "http_route=\"/api/v1/tokens/{token}\"", "http_response_status_code=\"404\"");
        Series(text, "http_server_request_duration_seconds_count", "http_route=\"/api/v1/tokens/\"", "http_response_status_code=\"200\"");
        Series(text, "dashboard_indexer_lag", "chain_id=\"31337\"");
        Series(text, "dashboard_indexer_events_rate_per_second", "chain_id=\"31337\"");
        Series(text, "dashboard_indexer_reorgs_total", "chain_id=\"31337\"");
        Series(text, "dashboard_indexer_node_failovers_total", "chain_id=\"31337\"", "node=\"https://rpc-a.example:443\"");
        Series(text, "dashboard_indexer_node_up", "node=\"https://rpc-b.example:443\"");
        Assert.Contains(text.Split('\n'), l => l.StartsWith("dashboard_indexer_node_failovers_total{", StringComparison.Ordinal) && l.Contains("rpc-a.example") && l.EndsWith(" 3"));
        Assert.Contains(text.Split('\n'), l => l.StartsWith("dashboard_indexer_node_up{", StringComparison.Ordinal) && l.Contains("rpc-a.example") && l.EndsWith(" 0"));
        Series(text, "dashboard_jobs_failed");
        Series(text, "dashboard_circuits_open");
    }

    private static void Series(string text, string name, params string[] labels)
    {
        var lines = text.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Any(l => labels.All(l.Contains)),
            $"no {name} series with {string.Join(", ", labels)} in:\n{string.Join("\n", text.Split('\n').Where(l => l.StartsWith("dashboard_") || l.StartsWith("http_server_request_duration_seconds_count")))}");
    }

    [Fact]
    public async Task MetricsAreNotServedToAPublicClientBehindTheProxy()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await site.Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("http_server_request_duration", await response.Content.ReadAsStringAsync());
    }
}
