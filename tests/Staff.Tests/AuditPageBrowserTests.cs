using Microsoft.Playwright;

namespace LeveragedTokens.Staff.Tests;

/// <summary>An auditor in a real browser: signs in on the way to /audit, narrows an export, runs a reconciliation.</summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class AuditPageBrowserTests : IAsyncLifetime
{
    private const string AuditorEmail = "auditor.browser@example.test";
    private StaffWebApp _app = null!;
    private Chromium _chromium = null!;

    public async Task InitializeAsync()
    {
        _app = await StaffWebApp.StartAsync(kestrel: true);
        await _app.CreateUserAsync(AuditorEmail, StaffRoles.Auditor);
        await _app.Chain.RegisterAsync();
        await _app.Chain.RebalanceAsync(300, reserveDraw: 1000 * ChainSeeder.Wad);
        await _app.Chain.RebalanceAsync(600, reserveDraw: 1000 * ChainSeeder.Wad);
        await _app.Chain.IndexedUpToAsync(700);
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task AnAuditorNarrowsAnExportByBlockAndRunsAReconciliation()
    {
        var page = await _chromium.Browser.NewPageAsync();
        await StaffSignIn.OnTheWayToAsync(page, $"{_app.BaseUrl}/audit", AuditorEmail, StaffWebApp.Password);
        await page.Locator("[data-testid=audit-page][data-interactive=true]").WaitForAsync();

        var export = page.Locator("[data-testid=audit-export]");
        await export.Locator("[data-testid=period-from-block] input, input[data-testid=period-from-block]").First.FillAsync("600");
        await export.Locator("[data-testid=period-from-block] input, input[data-testid=period-from-block]").First.PressAsync("Tab");

        await Assertions.Expect(page.Locator("[data-testid=export-file-name]")).ToHaveTextAsync("rebalances.v2.blocks-600-end.csv");
        await Assertions.Expect(page.Locator("[data-testid=export-download]")).ToHaveAttributeAsync("href", "/api/staff/exports/rebalances.csv?fromBlock=600");
        var toBlock = export.Locator("[data-testid=period-to-block] input, input[data-testid=period-to-block]").First;
        await toBlock.FillAsync("1700");
        await toBlock.PressAsync("Tab");
        await Assertions.Expect(page.Locator("[data-testid=export-error]")).ToHaveTextAsync("toBlock 1700 is not final on chain 31337: its latest final block is 700.");
        await toBlock.FillAsync("");
        await toBlock.PressAsync("Tab");
        await Assertions.Expect(page.Locator("[data-testid=export-file-name]")).ToHaveTextAsync("rebalances.v2.blocks-600-end.csv");

        await page.ClickAsync("[data-testid=recon-run]");

        var report = page.Locator("[data-testid=recon-report]");
        await Assertions.Expect(report).ToBeVisibleAsync();
        await Assertions.Expect(report.Locator("[data-testid=recon-checks]")).ToContainTextAsync("rebalance-ids");
        await Assertions.Expect(report.Locator("[data-testid=recon-csv]")).ToHaveAttributeAsync("href", $"/api/staff/reconciliation/{ChainSeeder.Pool}.csv");
    }
}
