
namespace LeveragedTokens.Operations.Tests;

[Collection(OpsSiteCollection.Name)]
public sealed class ProbeTests(OpsSite site)
{
    [Fact]
    public async Task LivenessAnswersWithoutTouchingTheDatabase()
    {
        using var response = await site.Client().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await Json(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadinessChecksPostgresTheIndexerAndTheNode()
    {
        var body = await WaitForAsync(site.Client(), "/readyz", b => b.GetProperty("checks").GetProperty("indexer").GetProperty("status").GetString() == "Healthy");
        var checks = body.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("node").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("drain").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadinessIsDegradedButServingWhenTheIndexerFallsBehindThenHealthyAgain()
    {
        await Sql(site.ConnectionString, "UPDATE indexer_state SET head_block = indexed_block + 5000, last_error = 'node timeout'");
        try
        {
            var body = await WaitForAsync(site.Client(), "/readyz", b => b.GetProperty("status").GetString() == "Degraded");
            Assert.Contains("blocks behind", body.GetProperty("checks").GetProperty("indexer").GetProperty("description").GetString());
            Assert.Equal("Degraded", body.GetProperty("checks").GetProperty("node").GetProperty("status").GetString());
        }
        finally
        {
            await Sql(site.ConnectionString, "UPDATE indexer_state SET head_block = indexed_block + 2, last_error = NULL, updated_at = now()");
        }
        await WaitForAsync(site.Client(), "/readyz", b => b.GetProperty("status").GetString() == "Healthy");
    }

    [Fact]
    public async Task ReadinessFailsWhilePostgresRefusesConnectionsAndRecoversWithoutARestart()
    {
        await using var database = await PostgresDatabase.CreateAsync("opsdown");
        await SampleData.SeedAsync(database.ConnectionString);
        await using var web = OpsInstance.Start(database.ConnectionString);
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("/readyz")).StatusCode);

        await Sql(PostgresDatabase.AdminConnectionString, $"ALTER DATABASE \"{database.Name}\" ALLOW_CONNECTIONS false");
        await Sql(PostgresDatabase.AdminConnectionString, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database.Name}'");
        try
        {
            using var down = await web.Client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            var text = await down.Content.ReadAsStringAsync();
            Assert.DoesNotContain("127.0.0.1", text);
            Assert.DoesNotContain("Host=", text);
            Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("/healthz")).StatusCode);
            // Pages and the API fail cleanly (no stack trace) while the database is away.
            using var api = await web.Client.GetAsync("/api/v1/tokens");
            Assert.True((int)api.StatusCode >= 500);
            Assert.DoesNotContain("Npgsql", await api.Content.ReadAsStringAsync());
        }
        finally
        {
            await Sql(PostgresDatabase.AdminConnectionString, $"ALTER DATABASE \"{database.Name}\" ALLOW_CONNECTIONS true");
        }
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("/api/v1/tokens")).StatusCode);
    }

    internal static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    internal static async Task<JsonElement> WaitForAsync(HttpClient client, string path, Func<JsonElement, bool> done)
    {
        // Generous: the status sample is taken every second, but a loaded CI machine has stalled it for over 20 s.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync(path);
            var body = await Json(response);
            if (done(body)) return body;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"{path} never reached the expected state: {body}");
            await Task.Delay(250);
        }
    }

    internal static async Task Sql(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
