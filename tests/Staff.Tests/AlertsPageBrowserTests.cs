using Microsoft.Playwright;

namespace LeveragedTokens.Staff.Tests;

/// <summary>A person in a real browser (the machine's Chromium) against the real web host on Kestrel.</summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class AlertsPageBrowserTests : IAsyncLifetime
{
    private const string RiskEmail = "risk.browser@example.test";
    private StaffWebApp _app = null!;
    private Chromium _chromium = null!;

    private string BaseUrl => _app.BaseUrl;

    public async Task InitializeAsync()
    {
        _app = await StaffWebApp.StartAsync(kestrel: true);
        await _app.CreateUserAsync(RiskEmail, StaffRoles.Risk);
        await _app.Chain.RegisterAsync();
        await _app.Chain.MetricsAsync(300, 10_500);
        await _app.Chain.IndexedUpToAsync(300);
        await _app.EvaluateAsync();
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ARiskUserSignsInSeesTheAlertAcknowledgesItWithANoteAndSeesANewAlertArriveLive()
    {
        var page = await _chromium.Browser.NewPageAsync();
        await StaffSignIn.OnTheWayToAsync(page, $"{BaseUrl}/staff/alerts", RiskEmail, StaffWebApp.Password);
        await page.Locator("[data-testid=alerts-page][data-interactive=true]").WaitForAsync();

        var row = page.Locator("[data-testid=alert-row][data-alert-kind=ReserveBelowFloor]");
        await Assertions.Expect(row).ToContainTextAsync("BTC pool reserve below the floor");
        await Assertions.Expect(row).ToContainTextAsync("block 300");
        await Assertions.Expect(page.Locator("[data-testid=alert-badge]")).ToContainTextAsync("2");

        await row.Locator("[data-testid=ack-button]").ClickAsync();
        await row.Locator("[data-testid=ack-note] input, input[data-testid=ack-note]").First.FillAsync("Injecting capital from the treasury");
        await row.Locator("[data-testid=ack-confirm]").ClickAsync();

        await Assertions.Expect(row.Locator("[data-testid=alert-ack]")).ToContainTextAsync($"Acknowledged by {RiskEmail}");
        await Assertions.Expect(row.Locator("[data-testid=alert-ack]")).ToContainTextAsync("Injecting capital from the treasury");
        await Assertions.Expect(row.Locator("[data-testid=alert-status]")).ToHaveTextAsync("acknowledged");
        // The row's history lists the firing and the acknowledgement, newest last, with who, before → after and the note.
        await row.Locator("[data-testid=alert-trail] summary").ClickAsync();
        var entries = row.Locator("[data-testid=alert-trail-entry]");
        await Assertions.Expect(entries).ToHaveCountAsync(2);
        await Assertions.Expect(entries.Nth(0)).ToHaveAttributeAsync("data-action", "fired");
        await Assertions.Expect(entries.Nth(1)).ToContainTextAsync($"acknowledged by {RiskEmail} · open → acknowledged · “Injecting capital from the treasury”");

        // Live: an alert fired by an evaluation elsewhere appears without reloading the page.
        await _app.Chain.SuspensionAsync(301, suspended: true);
        await _app.Chain.IndexedUpToAsync(301);
        await _app.EvaluateAsync();
        await Assertions.Expect(page.Locator("[data-testid=alert-row][data-alert-kind=RebalancingSuspended]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=alert-badge]")).ToContainTextAsync("2");

        var stored = (await _app.Services.GetService<AlertDesk>()!.ListAsync(new AlertFilter(Kind: AlertKind.ReserveBelowFloor), default)).Single();
        Assert.Equal(RiskEmail, stored.AcknowledgedBy);
        Assert.Equal("Injecting capital from the treasury", stored.AcknowledgementNote);
    }

    [Fact]
    public async Task AnAnonymousVisitorCannotReachTheAlertsPage()
    {
        var page = await _chromium.Browser.NewPageAsync();

        await page.GotoAsync($"{BaseUrl}/staff/alerts");

        await page.WaitForURLAsync("**/staff/login**");
        await Assertions.Expect(page.Locator("[data-testid=login-form]")).ToBeVisibleAsync();
        Assert.DoesNotContain("below the floor", await page.ContentAsync());
        Assert.Equal(0, await page.Locator("[data-testid=alert-row]").CountAsync());
    }
}

internal static class ServiceProviderExtensions
{
    public static T? GetService<T>(this IServiceProvider services) => (T?)services.GetService(typeof(T));
}
