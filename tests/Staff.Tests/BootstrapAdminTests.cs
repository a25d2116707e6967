using LeveragedTokens.Staff.Identity;
using Microsoft.AspNetCore.Identity;

namespace LeveragedTokens.Staff.Tests;

public sealed class BootstrapAdminTests
{
    [Fact]
    public async Task WithoutTheEnvironmentVariablesNoAdminIsCreatedAndTheRolesExist()
    {
        await using var host = await StaffTestHost.StartAsync(identity: true);

        await host.Services.SeedStaffIdentityAsync();

        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        Assert.Empty(users.Users);
        foreach (var role in StaffRoles.All) Assert.True(await roles.RoleExistsAsync(role));
    }

    [Fact]
    public async Task TheFirstAdminComesFromTheEnvironmentOnceAndOnlyWhileNoAdminExists()
    {
        await using var host = await StaffTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Staff:BootstrapAdmin:Email"] = "first-admin@example.test",
            ["Staff:BootstrapAdmin:Password"] = "a long bootstrap passphrase",
        }, identity: true);

        await host.Services.SeedStaffIdentityAsync();
        await host.Services.SeedStaffIdentityAsync();

        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var admin = Assert.Single(users.Users.ToList());
        Assert.Equal("first-admin@example.test", admin.Email);
        Assert.True(await users.IsInRoleAsync(admin, StaffRoles.Admin));
        Assert.True(await users.CheckPasswordAsync(admin, "a long bootstrap passphrase"));
        Assert.True(admin.LockoutEnabled);
    }

    [Fact]
    public async Task AShortBootstrapPasswordIsRefusedInsteadOfCreatingAWeakAdmin()
    {
        await using var host = await StaffTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Staff:BootstrapAdmin:Email"] = "first-admin@example.test",
            ["Staff:BootstrapAdmin:Password"] = "short",
        }, identity: true);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Services.SeedStaffIdentityAsync());
        Assert.Contains("at least 12", error.Message);
    }
}
