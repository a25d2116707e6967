namespace LeveragedTokens.Staff.Tests.Support;

/// <summary>
/// One web host per test class for the export endpoints: a quick-export cap of 3, five rebalances of
/// BTC3L (blocks 300..1500, an hour apart), an auditor and a risk user. The export limiter is opened
/// up: every request of the tests comes from the same (unknown) client.
/// </summary>
public sealed class ExportWebFixture : IAsyncLifetime
{
    public const int Cap = 3;
    public static readonly long[] Blocks = [300, 600, 900, 1200, 1500];

    public StaffWebApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await StaffWebApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Exports:QuickExportMaxRows"] = Cap.ToString(),
            ["Operations:ExportPermitsPerMinute"] = "100000",
            ["Operations:ExportConcurrency"] = "16",
        });
        await App.CreateUserAsync("auditor@example.test", StaffRoles.Auditor);
        await App.CreateUserAsync("risk@example.test", StaffRoles.Risk);
        await App.Chain.RegisterAsync();
        foreach (var block in Blocks) await App.Chain.RebalanceAsync(block, reserveDraw: 1000 * ChainSeeder.Wad);
        await App.Chain.MetricsAsync(1500, 5000);
        await App.Chain.IndexedUpToAsync(1600);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
