namespace LeveragedTokens.Staff.Tests;

/// <summary>The staff APIs as a signed-in risk user or admin would call them.</summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class StaffApiTests(StaffWebFixture fixture) : IClassFixture<StaffWebFixture>
{
    private readonly StaffWebApp _app = fixture.App;

    [Fact]
    public async Task AnAdminCreatesARiskUserWhoSignsInAndALockedUserCannot()
    {
        var admin = await _app.SignedInClientAsync(StaffWebApp.AdminEmail, StaffWebApp.AdminPassword);

        var created = await admin.PostAsJsonAsync("/api/staff/users", new { email = "new.risk@example.test", password = "a fresh passphrase", roles = new[] { "risk" } });
        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        var weak = await admin.PostAsJsonAsync("/api/staff/users", new { email = "weak@example.test", password = "short", roles = new[] { "risk" } });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var unknownRole = await admin.PostAsJsonAsync("/api/staff/users", new { email = "odd@example.test", password = "a fresh passphrase", roles = new[] { "root" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);

        var risk = await _app.SignedInClientAsync("new.risk@example.test", "a fresh passphrase");
        Assert.Equal(HttpStatusCode.OK, (await risk.GetAsync("/api/staff/alerts")).StatusCode);

        var users = await admin.GetFromJsonAsync<JsonElement>("/api/staff/users");
        var id = users.EnumerateArray().Single(u => u.GetProperty("email").GetString() == "new.risk@example.test").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/staff/users/{id}/lock", new { locked = true })).StatusCode);
        var refused = await StaffSignIn.PostFormAsync(_app.Client(), "new.risk@example.test", "a fresh passphrase");
        Assert.Contains("error=locked", refused.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AThresholdEditThroughTheApiIsAuditedUnderTheSignedInUser()
    {
        var risk = await _app.SignedInClientAsync("risk@example.test");

        var put = await risk.PutAsJsonAsync("/api/staff/thresholds", new { scope = "*", key = "RunwayHours", value = 36, reason = "longer runway wanted" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        foreach (var scope in new[] { "not-an-address", ChainSeeder.Pool })
        {
            var bad = await risk.PutAsJsonAsync("/api/staff/thresholds", new { scope, key = "RunwayHours", value = 36 });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }
        var pool = await risk.PutAsJsonAsync("/api/staff/thresholds", new { scope = $"{ChainSeeder.ChainId}:{ChainSeeder.Pool}", key = "RunwayHours", value = 30 });
        Assert.Equal(HttpStatusCode.OK, pool.StatusCode);

        var history = await risk.GetFromJsonAsync<JsonElement>("/api/staff/thresholds/history");
        var change = history.EnumerateArray().Last(c => c.GetProperty("key").GetString() == "RunwayHours");
        Assert.Equal("risk@example.test", change.GetProperty("changedBy").GetString());
        Assert.Equal(36m, change.GetProperty("newValue").GetDecimal());
        Assert.Equal(JsonValueKind.Null, change.GetProperty("oldValue").ValueKind);
        Assert.Equal("longer runway wanted", change.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ARiskUserAcknowledgesAndSnoozesThroughTheApi()
    {
        await _app.Chain.RegisterAsync();
        await _app.Chain.MetricsAsync(300, 9_000);
        await _app.Chain.IndexedUpToAsync(300);
        await _app.EvaluateAsync();
        var risk = await _app.SignedInClientAsync("risk@example.test");
        var alert = (await risk.GetFromJsonAsync<JsonElement>("/api/staff/alerts?kind=ReserveNearFloor")).EnumerateArray().Single();
        var id = alert.GetProperty("id").GetInt64();
        Assert.Equal("open", alert.GetProperty("status").GetString());
        Assert.Equal(300, alert.GetProperty("firedBlock").GetInt64());

        Assert.Equal(HttpStatusCode.BadRequest, (await risk.PostAsJsonAsync($"/api/staff/alerts/{id}/acknowledge", new { note = "" })).StatusCode);
        var acked = await (await risk.PostAsJsonAsync($"/api/staff/alerts/{id}/acknowledge", new { note = "on it" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("acknowledged", acked.GetProperty("status").GetString());
        Assert.Equal("risk@example.test", acked.GetProperty("acknowledgedBy").GetString());
        var snoozed = await (await risk.PostAsJsonAsync($"/api/staff/alerts/{id}/snooze", new { until = DateTime.UtcNow.AddHours(2) })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("snoozed", snoozed.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await risk.GetAsync("/api/staff/alerts/999999")).StatusCode);
    }
}
