using LeveragedTokens.Dashboard.Web.Operations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Playwright;
using Cookie = Microsoft.Playwright.Cookie;

namespace LeveragedTokens.Operations.Tests;

/// <summary>Two web instances on one Postgres behind nginx with sticky sessions.</summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private PostgresDatabase _database = default!;
    private WebApplicationFactory<Program> _a = default!, _b = default!;
    private NginxProxy _proxy = default!;
    private Chromium _chromium = default!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync("opsmulti");
        await SampleData.SeedAsync(_database.ConnectionString);
        _a = OpsSite.Start(_database.ConnectionString, settings: ("Dashboard:RefreshSeconds", "3600"));
        _b = OpsSite.Start(_database.ConnectionString, settings: ("Dashboard:RefreshSeconds", "3600"));
        _proxy = await NginxProxy.StartAsync([_a.ClientOptions.BaseAddress, _b.ClientOptions.BaseAddress]);
        _chromium = await Chromium.LaunchAsync();
    }

    [Fact]
    public async Task ANotifyOnChainDataReachesTheCircuitsOnBothInstancesBehindTheProxy()
    {
        var affinity = await AffinityPerInstanceAsync();
        var pages = new List<WatchedPage>();
        foreach (var instance in new[] { _a, _b })
        {
            var cookie = new Cookie { Name = AffinityCookie.Name, Value = affinity[instance.ClientOptions.BaseAddress.Port], Domain = "127.0.0.1", Path = "/" };
            var page = await _chromium.NewWatchedPageAsync([cookie]);
            await page.Page.GotoAsync(_proxy.BaseUrl + "/");
            await page.SwitchToDarkAsync(); // the circuit is up, through the proxy's WebSocket
            pages.Add(page);
        }
        Assert.True(Circuits(_a) >= 1, "no circuit on instance A");
        Assert.True(Circuits(_b) >= 1, "no circuit on instance B");
        foreach (var p in pages) Assert.Equal(0, await p.Page.GetByText("LIVE3L").CountAsync());

        // What the indexer does after a batch: rows, then NOTIFY chain_data in the same transaction.
        await ProbeTests.Sql(_database.ConnectionString, $"""
            BEGIN;
            INSERT INTO tokens (chain_id, block_number, log_index, block_hash, tx_hash, block_time, contract_address, address, pool_address, symbol,
                is_long, target_leverage, min_leverage, max_leverage, fallback_interval_seconds)
            SELECT chain_id, 99999, 0, block_hash, tx_hash, block_time, contract_address, '{ChainRows.Address(0x1111)}', pool_address, 'LIVE3L',
                is_long, target_leverage, min_leverage, max_leverage, fallback_interval_seconds FROM tokens WHERE symbol = 'BTC3L';
            NOTIFY chain_data;
            COMMIT;
            """);
        foreach (var p in pages)
            await Assertions.Expect(p.Page.GetByText("LIVE3L").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        foreach (var p in pages) Assert.Empty(await p.CspViolationsAsync());
    }

    [Fact]
    public void InstancesShareTheDataProtectionKeyRingSoACircuitCanStartOnEither()
    {
        var fromA = _a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("ops-test").Protect("prerendered component");
        var onB = _b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("ops-test").Unprotect(fromA);
        Assert.Equal("prerendered component", onB);
    }

    [Fact]
    public async Task TheProxyKeepsABrowserOnOneInstanceAndSpreadsBrowsersOverBoth()
    {
        var affinity = await AffinityPerInstanceAsync();
        Assert.Equal(2, affinity.Count);
        using var http = new HttpClient();
        foreach (var (port, value) in affinity)
        {
            for (var i = 0; i < 5; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, _proxy.BaseUrl + "/api/v1/status");
                request.Headers.Add("Cookie", $"{AffinityCookie.Name}={value}");
                using var response = await http.SendAsync(request);
                Assert.EndsWith(":" + port, Assert.Single(response.Headers.GetValues("X-Upstream")));
            }
        }
        using var metrics = await http.GetAsync(_proxy.BaseUrl + "/metrics");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, metrics.StatusCode);
    }

    private static int Circuits(WebApplicationFactory<Program> f) => f.Services.GetRequiredService<CircuitTracker>().Open;

    /// <summary>An affinity cookie value that the proxy's consistent hash sends to each instance, by port.</summary>
    private async Task<Dictionary<int, string>> AffinityPerInstanceAsync()
    {
        using var http = new HttpClient();
        var found = new Dictionary<int, string>();
        for (var i = 0; i < 64 && found.Count < 2; i++)
        {
            var value = $"probe{i:x4}";
            using var request = new HttpRequestMessage(HttpMethod.Get, _proxy.BaseUrl + "/healthz");
            request.Headers.Add("Cookie", $"{AffinityCookie.Name}={value}");
            using var response = await http.SendAsync(request);
            var port = int.Parse(Assert.Single(response.Headers.GetValues("X-Upstream")).Split(':')[^1]);
            found.TryAdd(port, value);
        }
        return found;
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _proxy.DisposeAsync();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
    }
}
