using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Staff.Identity;

public sealed record StaffUserView(string Id, string Email, IReadOnlyList<string> Roles, DateTimeOffset? LockedOutUntil, int FailedSignIns);

/// <summary>What an admin does with staff accounts. Scoped (wraps UserManager).</summary>
public sealed class StaffUserAdmin(UserManager<StaffUser> users)
{
    public async Task<IReadOnlyList<StaffUserView>> ListAsync(CancellationToken ct)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var views = new List<StaffUserView>(all.Count);
        foreach (var user in all)
        {
            var locked = user.LockoutEnd > DateTimeOffset.UtcNow ? user.LockoutEnd : null;
            views.Add(new StaffUserView(user.Id, user.Email ?? user.UserName ?? "", [.. (await users.GetRolesAsync(user)).Order()], locked, user.AccessFailedCount));
        }
        return views;
    }

    public async Task<IdentityResult> CreateAsync(string email, string password, IEnumerable<string> roles)
    {
        var wanted = Validate(roles);
        var user = new StaffUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded || wanted.Count == 0) return created;
        return await users.AddToRolesAsync(user, wanted);
    }

    public async Task<IdentityResult> SetRolesAsync(string userId, IEnumerable<string> roles)
    {
        var wanted = Validate(roles);
        var user = await users.FindByIdAsync(userId);
        if (user is null) return IdentityResult.Failed(new IdentityError { Description = "No such user" });
        var current = await users.GetRolesAsync(user);
        var removed = await users.RemoveFromRolesAsync(user, current.Except(wanted));
        return removed.Succeeded ? await users.AddToRolesAsync(user, wanted.Except(current)) : removed;
    }

    /// <summary>Locks an account indefinitely (lock = true) or lifts a lock and clears the failure count.</summary>
    public async Task<IdentityResult> SetLockedAsync(string userId, bool locked)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return IdentityResult.Failed(new IdentityError { Description = "No such user" });
        var result = await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        return result.Succeeded && !locked ? await users.ResetAccessFailedCountAsync(user) : result;
    }

    private static List<string> Validate(IEnumerable<string> roles)
    {
        var list = roles.Select(r => r.Trim().ToLowerInvariant()).Distinct().ToList();
        var unknown = list.Except(StaffRoles.All).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown role(s): {string.Join(", ", unknown)}", nameof(roles));
        return list;
    }
}
