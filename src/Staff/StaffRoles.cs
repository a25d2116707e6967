namespace LeveragedTokens.Staff;

/// <summary>The staff roles and the authorization policies named after them.</summary>
public static class StaffRoles
{
    public const string Risk = "risk";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Risk, Auditor, Admin];
}
