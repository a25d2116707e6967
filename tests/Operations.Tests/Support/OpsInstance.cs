namespace LeveragedTokens.Operations.Tests.Support;

/// <summary>A host of its own and a plain client of it, for a test that changes the settings or stops
/// the host; disposing stops both.</summary>
public sealed class OpsInstance(WebApplicationFactory<Program> factory) : IAsyncDisposable
{
    public WebApplicationFactory<Program> Factory { get; } = factory;
    public HttpClient Client { get; } = new() { BaseAddress = factory.ClientOptions.BaseAddress };

    /// <summary>A host started as <see cref="OpsSite.Start"/> starts one, on <paramref name="connectionString"/>.</summary>
    public static OpsInstance Start(string connectionString, params (string Key, string Value)[] settings) =>
        new(OpsSite.Start(connectionString, settings: settings));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
