namespace LeveragedTokens.Staff.Tests;

public sealed class WebhookNotificationTests : StaffHostTest
{
    private readonly WebhookReceiver _receiver = new();

    protected override IDictionary<string, string?> Settings => _receiver.Settings(minSeverity: "Critical");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private WebhookDeliveryJob Job => Host.Services.GetRequiredService<WebhookDeliveryJob>();

    private async Task<List<WebhookDelivery>> DeliveriesAsync()
    {
        await using var db = await Host.StaffDbAsync();
        return await db.WebhookDeliveries.AsNoTracking().Include(d => d.Attempts).OrderBy(d => d.Id).ToListAsync();
    }

    private async Task DeliverAllAsync()
    {
        foreach (var d in await DeliveriesAsync()) await Job.TryDeliverAsync(d.Id, CancellationToken.None);
    }

    [Fact]
    public async Task EachAlertEventReachesTheReceiverOnceWithAValidSignatureAndASlackText()
    {
        await Host.EvaluateMetricsAsync(300, 10_500);
        await Host.EvaluateMetricsAsync(600, 5_000);
        await Host.EvaluateAsync();

        await DeliverAllAsync();
        await DeliverAllAsync();

        var received = await _receiver.WaitForAsync(r => r.Count >= 2, TimeSpan.FromSeconds(5));
        Assert.Equal(2, received.Count);
        Assert.All(received, r => Assert.True(r.SignatureValid, "X-Signature-256 must be the HMAC of the body"));
        Assert.All(received, r => Assert.StartsWith("application/json", r.ContentType));
        var fired = received.Single(r => r.Json.GetProperty("event").GetString() == "fired").Json;
        Assert.StartsWith("[CRITICAL] BTC pool reserve below the floor", fired.GetProperty("text").GetString());
        Assert.Equal(300, fired.GetProperty("alert").GetProperty("block").GetInt64());
        Assert.Equal(ChainSeeder.TxOf(300), fired.GetProperty("alert").GetProperty("txHash").GetString());
        var resolved = received.Single(r => r.Json.GetProperty("event").GetString() == "resolved").Json;
        Assert.Equal(600, resolved.GetProperty("alert").GetProperty("resolvedBlock").GetInt64());
        Assert.All(await DeliveriesAsync(), d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
    }

    [Fact]
    public async Task AFailingEndpointIsRetriedAndEveryAttemptIsRecorded()
    {
        _receiver.AnswerNext(HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway);
        await Host.EvaluateMetricsAsync(300, 10_500);
        var id = Assert.Single(await DeliveriesAsync()).Id;

        Assert.Equal(DeliveryOutcome.RetryLater, await Job.TryDeliverAsync(id, CancellationToken.None));
        await Assert.ThrowsAsync<WebhookDeliveryException>(() => Job.DeliverAsync(id, CancellationToken.None));
        Assert.Equal(DeliveryOutcome.Delivered, await Job.TryDeliverAsync(id, CancellationToken.None));
        Assert.Equal(DeliveryOutcome.Done, await Job.TryDeliverAsync(id, CancellationToken.None));

        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        Assert.Equal([500, 502, 200], delivery.Attempts.OrderBy(a => a.Number).Select(a => a.StatusCode ?? 0));
        Assert.Equal(3, _receiver.Requests.Count);
    }

    [Fact]
    public async Task AnUnreachableEndpointNeverBlocksEvaluation()
    {
        await using var host = await StaffTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Staff:Webhooks:0:Name"] = "down",
            ["Staff:Webhooks:0:Url"] = "http://127.0.0.1:9/hook",
            ["Staff:Webhooks:0:Secret"] = "s",
        });
        await host.Chain.RegisterAsync();
        await host.Chain.MetricsAsync(300, 10_500);
        await host.Chain.IndexedUpToAsync(300);

        var summary = await host.EvaluateAsync();

        Assert.Equal(2, summary.Deliveries); // near floor + below floor, both >= warning
        Assert.Contains(await host.AlertsAsync(), a => a.Kind == AlertKind.ReserveBelowFloor);
        await using var db = await host.StaffDbAsync();
        var job = host.Services.GetRequiredService<WebhookDeliveryJob>();
        foreach (var d in await db.WebhookDeliveries.ToListAsync())
            Assert.Equal(DeliveryOutcome.RetryLater, await job.TryDeliverAsync(d.Id, CancellationToken.None));
        Assert.Equal(2, await db.WebhookDeliveryAttempts.CountAsync(a => a.Error != null && a.StatusCode == null));
    }

    [Fact]
    public void RetriesBackOffThroughHangfire()
    {
        // Read as metadata: constructing Hangfire's attribute would touch its static log provider.
        var retry = typeof(WebhookDeliveryJob).GetMethod(nameof(WebhookDeliveryJob.DeliverAsync))!.CustomAttributes
            .Single(a => a.AttributeType == typeof(Hangfire.AutomaticRetryAttribute));
        var named = retry.NamedArguments.ToDictionary(a => a.MemberName, a => a.TypedValue.Value);
        Assert.Equal(WebhookDeliveryJob.MaxAttempts - 1, named["Attempts"]);
        var delays = ((IEnumerable<System.Reflection.CustomAttributeTypedArgument>)named["DelaysInSeconds"]!).Select(a => (int)a.Value!).ToList();
        Assert.True(delays.Zip(delays.Skip(1)).All(p => p.First < p.Second), "delays grow");
    }
}
