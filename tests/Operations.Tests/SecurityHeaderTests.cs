
namespace LeveragedTokens.Operations.Tests;

[Collection(OpsSiteCollection.Name)]
public sealed class SecurityHeaderTests(OpsSite site)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/tokens/BTC3L")]
    [InlineData("/api/v1/tokens")]
    [InlineData("/api/v1/tokens/NOPE")]
    [InlineData("/no/such/page")]
    public async Task EveryResponseForbidsFramingSniffingAndForeignScripts(string path)
    {
        using var response = await site.Client().GetAsync(path);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"));
        // Development: no HSTS (it would pin localhost to https).
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task HstsIsSentOverHttpsOutsideDevelopment()
    {
        await using var factory = DashboardWebFactory.Create(site.ConnectionString, configure: b => b.UseSetting("environment", "Production"));
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://dashboard.example"), AllowAutoRedirect = false });
        using var response = await client.GetAsync("/api/v1/status");
        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task PagesSetTheAffinityCookieTheProxyHashesOn()
    {
        using var page = await site.Client().GetAsync("/");
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lt_affinity=", StringComparison.Ordinal) && c.Contains("httponly"));
        using var api = await site.Client().GetAsync("/api/v1/tokens");
        Assert.False(api.Headers.Contains("Set-Cookie"));
    }
}
