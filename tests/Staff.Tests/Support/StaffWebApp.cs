using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LeveragedTokens.Staff.Tests.Support;

/// <summary>The real web host on a fresh database, with a bootstrap admin and helpers to make staff users and sign in.</summary>
public sealed class StaffWebApp : IAsyncDisposable
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "bootstrap-admin-pass-1";
    public const string Password = "correct-horse-battery";

    private StaffWebApp(PostgresDatabase database, WebApplicationFactory<Program> factory)
    {
        Database = database;
        Factory = factory;
        Chain = new ChainSeeder(Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>());
    }

    public PostgresDatabase Database { get; }
    public WebApplicationFactory<Program> Factory { get; }
    public IServiceProvider Services => Factory.Services;
    public ChainSeeder Chain { get; }

    public static async Task<StaffWebApp> StartAsync(bool kestrel = false, IDictionary<string, string?>? settings = null)
    {
        var database = await PostgresDatabase.CreateAsync("staffweb");
        var factory = DashboardWebFactory.Create(database.ConnectionString, settings, b =>
        {
            b.UseSetting("Staff:BootstrapAdmin:Email", AdminEmail);
            b.UseSetting("Staff:BootstrapAdmin:Password", AdminPassword);
            // A free loopback port (the default 5000 may be taken by a dev stack on this machine).
            if (kestrel) b.UseSetting("urls", "http://127.0.0.1:0");
        });
        if (kestrel)
        {
            factory.UseKestrel();
            factory.StartServer();
        }
        else
        {
            _ = factory.Server;
        }
        return new StaffWebApp(database, factory);
    }

    public Task CreateUserAsync(string email, params string[] roles) => StaffSignIn.CreateUserAsync(Services, email, Password, roles);

    /// <summary>The real address Kestrel bound (kestrel mode).</summary>
    public string BaseUrl => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    public HttpClient Client() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public Task<HttpClient> SignedInClientAsync(string email, string? password = null) => Client().SignInAsync(email, password ?? Password);

    public Task<EvaluationSummary> EvaluateAsync() =>
        Services.GetRequiredService<AlertEvaluationJob>().RunAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
