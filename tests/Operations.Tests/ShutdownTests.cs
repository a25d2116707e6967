using LeveragedTokens.Dashboard.Web.Operations;
using Microsoft.Extensions.Hosting;

namespace LeveragedTokens.Operations.Tests;

[Collection(OpsSiteCollection.Name)]
public sealed class ShutdownTests(OpsSite site)
{
    [Fact]
    public async Task AStoppingInstanceFailsReadinessAndKeepsServingItsCircuitsUntilTheDrainEnds()
    {
        await using var web = OpsInstance.Start(site.ConnectionString, ("Operations:DrainSeconds", "4"));
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("/readyz")).StatusCode);
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewWatchedPageAsync();
        await page.Page.GotoAsync(web.Factory.ClientOptions.BaseAddress + "rebalances");
        await page.SwitchToDarkAsync();
        Assert.Equal(1, web.Factory.Services.GetRequiredService<CircuitTracker>().Open);

        var stopping = web.Factory.Services.GetRequiredService<IHostApplicationLifetime>();
        var started = DateTime.UtcNow;
        var stop = Task.Run(stopping.StopApplication);
        await Task.Delay(500);
        // Draining: the proxy sees 503 and sends new sessions elsewhere; this instance still answers.
        using var ready = await web.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("draining", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("/api/v1/status")).StatusCode);
        await stop;
        await page.Page.Context.CloseAsync();
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
    }
}
