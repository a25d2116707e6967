using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Staff.Identity;

/// <summary>
/// First start (after the host kit's staff migration): creates the roles, and creates the first admin from
/// Staff__BootstrapAdmin__Email / __Password when no admin exists. There is no default password:
/// without both variables no admin is created.
/// </summary>
public static class StaffBootstrapper
{
    public static async Task SeedStaffIdentityAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaffBootstrapper));
        var admin = scope.ServiceProvider.GetRequiredService<IOptions<StaffOptions>>().Value.BootstrapAdmin;

        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
        }
        if ((await users.GetUsersInRoleAsync(StaffRoles.Admin)).Count > 0) return;
        if (string.IsNullOrWhiteSpace(admin.Email) || string.IsNullOrEmpty(admin.Password))
        {
            log.LogWarning("No staff admin exists and Staff__BootstrapAdmin__Email/__Password are not set: nobody can manage users yet");
            return;
        }
        var user = await users.FindByEmailAsync(admin.Email);
        if (user is null)
        {
            user = new StaffUser { UserName = admin.Email, Email = admin.Email, EmailConfirmed = true };
            Check(await users.CreateAsync(user, admin.Password), "create the bootstrap admin");
        }
        Check(await users.AddToRoleAsync(user, StaffRoles.Admin), "make the bootstrap admin an admin");
        log.LogInformation("Created the first staff admin {Email}", admin.Email);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
