namespace LeveragedTokens.Indexer.Tests;

/// <summary>One writer per chain: a second instance waits as a standby and takes over when the writer dies.</summary>
public sealed class TwoInstancesTests
{
    private const string Acquired = "Writer lock for chain 31337 acquired";
    private const string Standby = "waiting as standby";

    [Fact]
    public async Task TwoIndexersAtOnceHaveExactlyOneWriterAndTheStandbyTakesOverWhenItIsKilled()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var chain = await ProtocolChain.DeployAsync(anvil);
        await chain.PlayHoursAsync(5);
        await using var db = await PostgresDatabase.CreateAsync("idx");
        var env = IndexerProcess.Environment(anvil.RpcUrl, db.ConnectionString, chain.Registry.Address);

        await using var first = IndexerProcess.Start(env);
        await first.WaitForOutputAsync(Acquired, TimeSpan.FromSeconds(60));
        await using var second = IndexerProcess.Start(env);
        await second.WaitForOutputAsync(Standby, TimeSpan.FromSeconds(60));

        await chain.PlayHoursAsync(5);
        var head = await anvil.BlockNumberAsync();
        await ProcessKillTests.WaitUntilAsync(async () => await ProcessKillTests.Indexed(db) >= head, first);
        Assert.DoesNotContain(Acquired, second.Output);
        Assert.Equal($"{Environment.MachineName}/{first.Id}", await WriterAsync(db));

        await first.KillAsync();
        await second.WaitForOutputAsync(Acquired, TimeSpan.FromSeconds(30));
        await chain.PlayHoursAsync(5);
        head = await anvil.BlockNumberAsync();
        await ProcessKillTests.WaitUntilAsync(async () => await ProcessKillTests.Indexed(db) >= head, second);
        Assert.Equal($"{Environment.MachineName}/{second.Id}", await WriterAsync(db));

        await ChainTruth.AssertStoredEqualsChainAsync(anvil, db.ConnectionString, 31337, chain.Registry.Address, 0);
    }

    private static async Task<string> WriterAsync(PostgresDatabase db)
    {
        await using var conn = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT writer_instance FROM indexer_state", conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
