namespace LeveragedTokens.Staff.Tests.Support;

/// <summary>One web host per test class, with a risk user and an auditor (a signed-in user without risk/admin).</summary>
public sealed class StaffWebFixture : IAsyncLifetime
{
    public StaffWebApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await StaffWebApp.StartAsync();
        await App.CreateUserAsync("risk@example.test", StaffRoles.Risk);
        await App.CreateUserAsync("auditor@example.test", StaffRoles.Auditor);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
