using Bunit;
using LeveragedTokens.Dashboard.Web.Components.Shared;
using MudBlazor.Services;

namespace LeveragedTokens.Dashboard.Web.Tests;

/// <summary>bUnit tests; the context is disposed asynchronously (MudBlazor services are async-only disposables).</summary>
public sealed class ComponentTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();

    public ComponentTests()
    {
        _ctx.Services.AddMudServices();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>> parameters) where T : Microsoft.AspNetCore.Components.IComponent =>
        _ctx.Render(parameters);

    [Fact]
    public void AmountShowsAReadableValueAndTheExactOneOnHover()
    {
        var raw = BigInteger.Parse("1234567890123456789012");
        var cut = Render<Amount>(p => p.Add(a => a.Raw, raw).Add(a => a.Unit, "USD"));
        var span = cut.Find("span");
        Assert.Equal("1,234.57 USD", span.TextContent);
        Assert.Equal("1234.567890123456789012 (raw 1234567890123456789012)", span.GetAttribute("title"));
    }

    [Fact]
    public void LeverageAndBasisPointsHaveTheirOwnUnits()
    {
        Assert.Equal("2.512x", Render<Amount>(p => p.Add(a => a.Raw, BigInteger.Parse("2512000000000000000")).Add(a => a.Style, AmountStyle.Leverage)).Find("span").TextContent);
        Assert.Equal("85.25%", Render<Amount>(p => p.Add(a => a.Raw, new BigInteger(8525)).Add(a => a.Style, AmountStyle.Bps)).Find("span").TextContent);
        Assert.Equal("∞ (empty reserve)", Render<Amount>(p => p.Add(a => a.Raw, LeveragedTokens.Protocol.Wad.Uint256Max).Add(a => a.Style, AmountStyle.Bps)).Find("span").TextContent);
    }

    [Theory]
    [InlineData(PoolHealth.Ok, "OK")]
    [InlineData(PoolHealth.NearFloor, "Near floor")]
    [InlineData(PoolHealth.BelowFloor, "Below floor")]
    [InlineData(PoolHealth.Suspended, "Suspended")]
    [InlineData(PoolHealth.Unknown, "No data")]
    public void HealthChipNamesTheState(PoolHealth health, string label)
    {
        var cut = Render<HealthChip>(p => p.Add(c => c.Health, health));
        Assert.Contains(label, cut.Markup);
    }

    [Fact]
    public void TimeChartShowsItsServerRenderedFallbackAndHandsTheBrowserItsSource()
    {
        var module = _ctx.JSInterop.SetupModule("./js/time-chart.js");
        module.SetupVoid("draw", _ => true);
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var points = Enumerable.Range(0, 48).Select(i => (t0.AddHours(i), 3 + Math.Sin(i / 5.0) * 0.4)).ToList();
        var cut = Render<TimeChart>(p => p
            .Add(c => c.Title, "Leverage")
            .Add(c => c.Source, "/api/v1/tokens/BTC3L/nav")
            .Add(c => c.From, t0)
            .Add(c => c.Unit, ChartUnit.Leverage)
            .Add(c => c.Lines, [new ChartLine("Leverage", "leverage", "#000", points)])
            .Add(c => c.Levels, [new ChartLevel("Target", 3, "#0a0")])
            .Add(c => c.Regions, [new ChartRegion("Band", 2.5, 3.5, "#0a0")])
            .Add(c => c.Shades, [new ChartShade(t0.AddHours(10), t0.AddHours(20), "Suspended")]));
        Assert.Equal("Leverage", cut.Find("svg").GetAttribute("aria-label"));
        Assert.Equal(48, cut.Find("polyline").GetAttribute("points")!.Trim().Split(' ').Length);
        Assert.Contains("Band", cut.Find("svg").InnerHtml);
        Assert.Contains("x</text>", cut.Markup);
        Assert.Contains("Suspended", cut.Markup);
        var draw = module.VerifyInvoke("draw");
        Assert.Contains("/api/v1/tokens/BTC3L/nav", System.Text.Json.JsonSerializer.Serialize(draw.Arguments[1]));
        Assert.Contains("2026-01-01T00:00:00Z", System.Text.Json.JsonSerializer.Serialize(draw.Arguments[1]));
    }

    [Fact]
    public void TimeChartWithoutDataSaysSo()
    {
        var cut = Render<TimeChart>(p => p.Add(c => c.Title, "NAV").Add(c => c.Source, "/api/v1/tokens/X/nav")
            .Add(c => c.Lines, [new ChartLine("NAV", "nav", "#000", [])]));
        Assert.Contains("No data yet", cut.Markup);
        Assert.Empty(cut.FindAll("svg"));
    }

    [Fact]
    public void ProblemPanelStatesTheStatus()
    {
        var cut = Render<Problem>(p => p.Add(c => c.Status, 404).Add(c => c.Message, "No token with address or symbol 'X'."));
        Assert.Contains("Not found", cut.Markup);
        Assert.Contains("No token with address or symbol", cut.Markup);
    }
}
