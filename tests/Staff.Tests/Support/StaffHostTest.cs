namespace LeveragedTokens.Staff.Tests.Support;

/// <summary>A test class whose every test gets its own <see cref="StaffTestHost"/>, with the seeded chain's contracts registered.</summary>
public abstract class StaffHostTest : IAsyncLifetime
{
    protected StaffTestHost Host { get; private set; } = null!;

    /// <summary>What the host is configured with on top of its defaults; nothing unless a class says so.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync()
    {
        Host = await StaffTestHost.StartAsync(Settings);
        await Host.Chain.RegisterAsync();
    }

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();
}
