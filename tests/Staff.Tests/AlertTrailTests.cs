namespace LeveragedTokens.Staff.Tests;

/// <summary>Staff actions leave a trail: appended, never overwritten, readable per alert and exportable by auditors.</summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class AlertTrailTests(StaffWebFixture fixture) : IClassFixture<StaffWebFixture>
{
    private readonly StaffWebApp _app = fixture.App;

    [Fact]
    public async Task EveryActionOnAnAlertIsAppendedWithWhoWhenBeforeAfterAndComment()
    {
        await _app.Chain.RegisterAsync();
        await _app.Chain.MetricsAsync(300, 9_000);
        await _app.Chain.IndexedUpToAsync(300);
        await _app.EvaluateAsync();
        var risk = await _app.SignedInClientAsync("risk@example.test");
        var id = (await risk.GetFromJsonAsync<JsonElement>("/api/staff/alerts?kind=ReserveNearFloor")).EnumerateArray().Single().GetProperty("id").GetInt64();

        await Ok(risk.PostAsJsonAsync($"/api/staff/alerts/{id}/acknowledge", new { note = "first look" }));
        await Ok(risk.PostAsJsonAsync($"/api/staff/alerts/{id}/acknowledge", new { note = "topping up the pool" }));
        var until = new DateTime(2099, 1, 2, 10, 0, 0, DateTimeKind.Utc);
        await Ok(risk.PostAsJsonAsync($"/api/staff/alerts/{id}/snooze", new { until }));
        await Ok(risk.PostAsJsonAsync($"/api/staff/alerts/{id}/snooze", new { until = (DateTime?)null }));
        await _app.Chain.MetricsAsync(600, 5_000);
        await _app.Chain.IndexedUpToAsync(600);
        await _app.EvaluateAsync();

        var trail = (await risk.GetFromJsonAsync<JsonElement>($"/api/staff/alerts/{id}/trail")).EnumerateArray().ToList();
        Assert.Equal(["fired", "acknowledged", "acknowledged", "snoozed", "unsnoozed", "resolved"], trail.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["rule", "risk@example.test", "risk@example.test", "risk@example.test", "risk@example.test", "rule"], trail.Select(e => e.GetProperty("by").GetString()));
        // The second acknowledgement did not overwrite the first one's note.
        Assert.Equal("first look", trail[1].GetProperty("comment").GetString());
        Assert.Equal(("open", "acknowledged"), (trail[1].GetProperty("before").GetString(), trail[1].GetProperty("after").GetString()));
        Assert.Equal("topping up the pool", trail[2].GetProperty("comment").GetString());
        Assert.Equal(("not snoozed", "until 2099-01-02T10:00:00Z"), (trail[3].GetProperty("before").GetString(), trail[3].GetProperty("after").GetString()));
        Assert.Equal(("until 2099-01-02T10:00:00Z", "not snoozed"), (trail[4].GetProperty("before").GetString(), trail[4].GetProperty("after").GetString()));
        // The rule's entries carry the chain evidence: block and chain time.
        Assert.StartsWith("block 300:", trail[0].GetProperty("comment").GetString());
        Assert.Equal(ChainSeeder.TimeOf(600), trail[5].GetProperty("at").GetDateTime());
        Assert.Equal(HttpStatusCode.NotFound, (await risk.GetAsync("/api/staff/alerts/999999/trail")).StatusCode);
    }

    [Fact]
    public async Task AuditorsExportTheTrailOfAlertsAndThresholdsAsFormulaSafeCsv()
    {
        var risk = await _app.SignedInClientAsync("risk@example.test");
        await Ok(risk.PutAsJsonAsync("/api/staff/thresholds", new { scope = "*", key = "RunwayHours", value = 30, reason = "=HYPERLINK(\"x\")" }));
        await Ok(risk.PutAsJsonAsync("/api/staff/thresholds", new { scope = "*", key = "RunwayHours", value = (decimal?)null, reason = "back, to default" }));

        Assert.Equal(HttpStatusCode.Forbidden, (await risk.GetAsync("/api/staff/exports/staff-trail.csv")).StatusCode);
        var auditor = await _app.SignedInClientAsync("auditor@example.test");
        var csv = await auditor.GetStringAsync("/api/staff/exports/staff-trail.csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', StaffTrail.CsvColumns), lines[0]);
        var changes = lines.Where(l => l.Contains(",threshold changed,", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, changes.Count);
        // A comment that starts a formula is neutralised; a comma is quoted; the first change is kept after the second.
        Assert.EndsWith(",*,,RunwayHours,default,30,\"'=HYPERLINK(\"\"x\"\")\"", changes[0]);
        Assert.EndsWith(",*,,RunwayHours,30,default,\"back, to default\"", changes[1]);
        Assert.All(changes, l => Assert.Contains(",risk@example.test,", l));
    }

    private static async Task Ok(Task<HttpResponseMessage> call) => Assert.Equal(HttpStatusCode.OK, (await call).StatusCode);
}
