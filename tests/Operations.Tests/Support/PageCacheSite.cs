namespace LeveragedTokens.Operations.Tests.Support;

/// <summary>
/// One web instance with the page cache on (its defaults) over a seeded database of its own, so its
/// NOTIFYs reach no other test's host. Refresh ticks are an hour apart: only a NOTIFY moves the data.
/// </summary>
public sealed class PageCacheSite : IAsyncLifetime
{
    private PostgresDatabase? _database;

    public WebApplicationFactory<Program> Factory { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";
    public string ConnectionString => _database!.ConnectionString;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync("opspagecache");
        await SampleData.SeedAsync(_database.ConnectionString);
        Factory = OpsSite.Start(_database.ConnectionString, settings: ("Dashboard:RefreshSeconds", "3600"));
        BaseUrl = Factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    /// <summary>A client without a cookie jar: every request is a first-time anonymous visitor unless it sends a cookie.</summary>
    public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// A new token row, copied from BTC3L; with <paramref name="notify"/> in the same transaction as the
    /// indexer's NOTIFY chain_data after a batch, without it a change the web host is not told about.
    /// </summary>
    public Task AddTokenAsync(string symbol, int address, bool notify) => ProbeTests.Sql(ConnectionString, $"""
        BEGIN;
        INSERT INTO tokens (chain_id, block_number, log_index, block_hash, tx_hash, block_time, contract_address, address, pool_address, symbol,
            is_long, target_leverage, min_leverage, max_leverage, fallback_interval_seconds)
        SELECT chain_id, 99999, {address}, block_hash, tx_hash, block_time, contract_address, '{ChainRows.Address(address)}', pool_address, '{symbol}',
            is_long, target_leverage, min_leverage, max_leverage, fallback_interval_seconds FROM tokens WHERE symbol = 'BTC3L';
        {(notify ? "NOTIFY chain_data;" : "")}
        COMMIT;
        """);

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PageCacheCollection : ICollectionFixture<PageCacheSite>
{
    public const string Name = "page cache site";
}
