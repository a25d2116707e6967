using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace LeveragedTokens.EndToEnd.Tests;

/// <summary>
/// The whole system with nothing seeded: a real anvil, the simulator playing two days of history,
/// the indexer as its own process following the chain, the web app on a real port, and Chromium.
/// </summary>
public sealed class RunningStack : IAsyncLifetime
{
    public const int Seed = 5;
    private AnvilNode? _anvil;
    private PostgresDatabase? _database;
    private ProjectProcess? _indexer;
    private WebApplicationFactory<Program>? _web;
    private Chromium? _chromium;

    public AnvilNode Anvil => _anvil!;
    public string BaseUrl { get; private set; } = "";
    public string IndexerOutput => _indexer?.Output ?? "";

    public async Task InitializeAsync()
    {
        (_anvil, var deployment) = await SimulatorProcess.StartSimulatedChainAsync(days: 2, Seed);
        _database = await PostgresDatabase.CreateAsync("stack");
        _indexer = await ProjectProcess.StartAsync("Indexer", new Dictionary<string, string>
        {
            ["ConnectionStrings__Dashboard"] = _database.ConnectionString,
            ["Chain__RpcUrl"] = _anvil.RpcUrl,
            ["Chain__RegistryAddress"] = deployment.RegistryAddress,
            ["Chain__StartBlock"] = deployment.DeploymentBlock.ToString(),
            ["Chain__Confirmations"] = "0",
            ["Chain__PollInterval"] = "00:00:00.300",
            ["Indexer__EnableJobs"] = "false",
        });
        await WaitUntilIndexedAsync(await _anvil.BlockNumberAsync());

        // The factory's own port option does not reach a minimal-API host: bind through "urls".
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        _web = DashboardWebFactory.Create(_database.ConnectionString, configure: b => b
            .UseEnvironment("Development") // serves the _content/ assets
            .UseSetting(WebHostDefaults.ServerUrlsKey, url)
            .UseSetting("Operations:PagePermitsPerMinute", "1000000"));
        _web.UseKestrel();
        _web.StartServer();
        BaseUrl = url;
        _chromium = await Chromium.LaunchAsync();
    }

    /// <summary>Waits until the indexer's checkpoint reaches the block (it runs with no confirmations).</summary>
    public async Task WaitUntilIndexedAsync(long block)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (await IndexedBlockAsync() < block)
        {
            if (_indexer!.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException($"indexer did not reach block {block}:\n{_indexer.Output}");
            await Task.Delay(300);
        }
    }

    public async Task<long> IndexedBlockAsync()
    {
        await using var connection = new NpgsqlConnection(_database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select coalesce(max(indexed_block), -1) from indexer_state where to_regclass('indexer_state') is not null", connection);
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return -1; // the indexer has not migrated the schema yet
        }
    }

    public Task<IPage> NewPageAsync() => _chromium!.NewPageAsync();

    public async Task DisposeAsync()
    {
        if (_chromium is not null) await _chromium.DisposeAsync();
        if (_web is not null) await _web.DisposeAsync();
        if (_indexer is not null) await _indexer.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        if (_anvil is not null) await _anvil.DisposeAsync();
    }
}
