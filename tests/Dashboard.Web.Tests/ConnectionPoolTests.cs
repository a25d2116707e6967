using LeveragedTokens.Hosting;
using Npgsql;

namespace LeveragedTokens.Dashboard.Web.Tests;

/// <summary>A burst of page views waits in the host's one bounded pool instead of taking Postgres's connections (53300) or failing.</summary>
public sealed class ConnectionPoolTests
{
    [Fact]
    public async Task TwoHundredConcurrentOverviewRequestsQueueForTheBoundedPoolAndAllSucceed()
    {
        await using var database = await PostgresDatabase.CreateAsync("pool");
        await SampleData.SeedAsync(database.ConnectionString, hours: 48);
        // The host's connections carry this name, so they can be told from the test's own.
        var app = $"pool-{Guid.NewGuid():N}"[..20];
        await using var factory = SeededDashboard.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = app }.ConnectionString);
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var most = 0L;
        using var done = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            await using var conn = new NpgsqlConnection(database.ConnectionString);
            await conn.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @app", conn);
            count.Parameters.AddWithValue("app", app);
            while (!done.IsCancellationRequested)
            {
                most = Math.Max(most, (long)(await count.ExecuteScalarAsync())!);
                await Task.Delay(20);
            }
        });
        // Distinct query strings: 200 renders of their own, not one render from the page cache.
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.GetAsync($"/?burst={i}")));
        await done.CancelAsync();
        await watch;

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        // The pool, plus the LISTEN connection and the few the key ring and job storage keep.
        Assert.InRange(most, 1, DashboardDatabase.DefaultMaxPoolSize + 5);
    }
}
