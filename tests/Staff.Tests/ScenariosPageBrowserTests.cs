using LeveragedTokens.Staff.Scenarios;
using Microsoft.Playwright;

namespace LeveragedTokens.Staff.Tests;

/// <summary>Risk staff keep a scenario in a real browser (the machine's Chromium) against the real web host on Kestrel.</summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class ScenariosPageBrowserTests : IAsyncLifetime
{
    private const string RiskEmail = "risk.scenarios@example.test";
    private StaffWebApp _app = null!;
    private Chromium _chromium = null!;

    public async Task InitializeAsync()
    {
        _app = await StaffWebApp.StartAsync(kestrel: true);
        await _app.CreateUserAsync(RiskEmail, StaffRoles.Risk);
        await SampleData.SeedAsync(_app.Database.ConnectionString, hours: 24 * 3);
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ARiskUserSavesAScenarioIsToldWhyABadOneIsRefusedAndDeletesIt()
    {
        var page = await _chromium.Browser.NewPageAsync();
        await StaffSignIn.OnTheWayToAsync(page, $"{_app.BaseUrl}/staff/scenarios", RiskEmail, StaffWebApp.Password);
        await page.Locator("[data-testid=scenario-form][data-interactive=true]").WaitForAsync();

        await page.Locator("[data-testid=scenario-name] input, input[data-testid=scenario-name]").First.FillAsync("Doge gap");
        await page.Locator("[data-testid=scenario-shocks] input, input[data-testid=scenario-shocks]").First.FillAsync("DOGE:-20");
        await page.Locator("[data-testid=scenario-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=scenario-message]")).ToContainTextAsync("Unknown underlying 'DOGE'");
        await Assertions.Expect(page.Locator("[data-testid=scenario-row]")).ToHaveCountAsync(0);

        await page.Locator("[data-testid=scenario-name] input, input[data-testid=scenario-name]").First.FillAsync("BTC gap");
        await page.Locator("[data-testid=scenario-shocks] input, input[data-testid=scenario-shocks]").First.FillAsync("BTC:-20");
        await page.Locator("[data-testid=scenario-save]").ClickAsync();
        var row = page.Locator("[data-testid=scenario-row][data-name='BTC gap']");
        await Assertions.Expect(row).ToContainTextAsync("shocks BTC:-20");
        await Assertions.Expect(row).ToContainTextAsync(RiskEmail);
        await Assertions.Expect(row.Locator("a")).ToHaveAttributeAsync("href", "/stress?shocks=BTC%3A-20&liquidity=1");
        var stored = Assert.Single(await _app.Services.GetRequiredService<SavedScenarios>().ListAsync(default));
        Assert.Equal(("BTC gap", "BTC:-20", RiskEmail), (stored.Name, stored.Shocks, stored.CreatedBy));
        Assert.Equal(1, ScenarioEvaluationsQueued()); // evaluated now, not at the next hourly run

        await row.Locator("[data-testid=scenario-delete]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=scenario-row]")).ToHaveCountAsync(0);
        Assert.Empty(await _app.Services.GetRequiredService<SavedScenarios>().ListAsync(default));
        Assert.Equal(2, ScenarioEvaluationsQueued()); // and its alert resolves now
    }

    /// <summary>Saved-scenario evaluations in Hangfire's storage, whatever state they reached.</summary>
    private int ScenarioEvaluationsQueued()
    {
        var monitoring = _app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var jobs = monitoring.EnqueuedJobs("default", 0, 100).Select(j => j.Value.Job)
            .Concat(monitoring.ProcessingJobs(0, 100).Select(j => j.Value.Job))
            .Concat(monitoring.SucceededJobs(0, 100).Select(j => j.Value.Job))
            .Concat(monitoring.FailedJobs(0, 100).Select(j => j.Value.Job));
        return jobs.Count(j => j?.Type == typeof(SavedScenarioJob));
    }
}
