using System.Text;

namespace LeveragedTokens.Operations.Tests;

[Collection(OpsSiteCollection.Name)]
public sealed class LimitTests(OpsSite site)
{
    [Fact]
    public async Task ApiClientsOverTheLimitGet429WithRetryAfterAndProblemDetails()
    {
        await using var web = OpsInstance.Start(site.ConnectionString, ("Dashboard:ApiPermitsPerMinute", "3"));
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("/api/v1/status")).StatusCode);
        using var limited = await web.Client.GetAsync("/api/v1/tokens");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")));
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        // Probes and pages are not counted against the API's budget.
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task PagesAndExportsHaveTheirOwnPerClientLimits()
    {
        await using var web = OpsInstance.Start(site.ConnectionString,
            ("Operations:PagePermitsPerMinute", "2"), ("Operations:ExportPermitsPerMinute", "1"));
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("/status")).StatusCode);
        using var page = await web.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.True(page.Headers.Contains("Retry-After"));

        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await web.Client.GetAsync("/api/v1/exports/rebalances.csv")).StatusCode);
        using var export = await web.Client.GetAsync("/api/v1/exports/rebalances.csv");
        Assert.Equal(HttpStatusCode.TooManyRequests, export.StatusCode);
        Assert.True(export.Headers.Contains("Retry-After"));
        // Static assets and the API are outside the page budget.
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("/api/v1/status")).StatusCode);
    }

    [Fact]
    public async Task WithTheApiCacheOnRepeatedApiReadsComeFromMemoryButStatusStaysLive()
    {
        await using var database = await LeveragedTokens.TestSupport.PostgresDatabase.CreateAsync("opscache");
        await SampleData.SeedAsync(database.ConnectionString);
        await using var web = OpsInstance.Start(database.ConnectionString, ("Operations:ApiCacheSeconds", "60"));
        var first = await web.Client.GetStringAsync("/api/v1/tokens");
        var status = await web.Client.GetStringAsync("/api/v1/status");
        await ProbeTests.Sql(database.ConnectionString, "DELETE FROM tokens WHERE symbol = 'BTC3L'; UPDATE indexer_state SET reorg_count = 42");
        Assert.Equal(first, await web.Client.GetStringAsync("/api/v1/tokens"));
        Assert.Contains("BTC3L", await web.Client.GetStringAsync("/api/v1/tokens"));
        Assert.DoesNotContain("BTC3L", await web.Client.GetStringAsync("/api/v1/tokens?fresh=1"));
        Assert.NotEqual(status, await web.Client.GetStringAsync("/api/v1/status"));
    }

    [Fact]
    public async Task OversizedBodiesUrlsAndHeadersAreRefusedByKestrel()
    {
        var client = site.Client();
        using var body = new StringContent("email=" + new string('a', 400_000) + "&password=x", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var posted = await client.PostAsync("/staff/account/login", body);
        // Kestrel stops reading at MaxRequestBodySize; the form binder (antiforgery first) answers 400 or 413.
        Assert.True(posted.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"got {posted.StatusCode}");

        using var longUrl = await client.GetAsync("/tokens/" + new string('x', 10_000));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, longUrl.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Padding", new string('p', 40_000));
        using var bigHeaders = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, bigHeaders.StatusCode);
    }
}
