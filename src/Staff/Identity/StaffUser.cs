using Microsoft.AspNetCore.Identity;

namespace LeveragedTokens.Staff.Identity;

/// <summary>A member of staff who signs in: risk, auditor or admin.</summary>
public sealed class StaffUser : IdentityUser
{
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
