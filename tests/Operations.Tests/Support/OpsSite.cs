using Microsoft.AspNetCore.Hosting;

namespace LeveragedTokens.Operations.Tests.Support;

/// <summary>
/// The web app on a real Kestrel port (so Kestrel's own limits apply) over a seeded database that
/// also holds hostile token symbols. Development keeps the _content assets served.
/// </summary>
public sealed class OpsSite : IAsyncLifetime
{
    private PostgresDatabase? _database;

    public WebApplicationFactory<Program> Factory { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";
    public string ConnectionString => _database!.ConnectionString;
    public SampleData.Seeded Seeded { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync("ops");
        Seeded = await SampleData.SeedAsync(_database.ConnectionString);
        await HostileData.SeedAsync(_database.ConnectionString);
        Factory = Start(_database.ConnectionString);
        BaseUrl = Factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    /// <summary>A started host on a real port; settings override the generous test defaults.</summary>
    public static WebApplicationFactory<Program> Start(string connectionString, string environment = "Development",
        params (string Key, string Value)[] settings)
    {
        // The factory's own port option does not reach a minimal-API host: bind through "urls".
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var factory = DashboardWebFactory.Create(connectionString, settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)), b =>
        {
            b.UseEnvironment(environment)
                .UseSetting(WebHostDefaults.ServerUrlsKey, url)
                .UseSetting("Dashboard:ApiPermitsPerMinute", "1000000")
                .UseSetting("Operations:PagePermitsPerMinute", "1000000")
                .UseSetting("Operations:SampleSeconds", "1")
                .UseSetting("Operations:DrainSeconds", "0");
        });
        factory.UseKestrel();
        factory.StartServer();
        return factory;
    }

    public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class OpsSiteCollection : ICollectionFixture<OpsSite>
{
    public const string Name = "ops site";
}
