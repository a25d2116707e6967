using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace LeveragedTokens.Dashboard.Web.Staff;

/// <summary>
/// The roles a page demands, read from its own [Authorize(Roles = ...)], so the "not allowed" page can name the role
/// instead of keeping a second list that could drift from the pages.
/// </summary>
public static class StaffPageRoles
{
    private static readonly Dictionary<string, IReadOnlyList<string>> ByPath = typeof(StaffPageRoles).Assembly.GetTypes()
        .Select(t => (Routes: t.GetCustomAttributes<RouteAttribute>(), t.GetCustomAttribute<AuthorizeAttribute>()?.Roles))
        .Where(p => p.Roles is not null)
        .SelectMany(p => p.Routes.Select(r => (r.Template, Roles: (IReadOnlyList<string>)p.Roles!.Split(',', StringSplitOptions.TrimEntries))))
        .ToDictionary(p => p.Template, p => p.Roles, StringComparer.OrdinalIgnoreCase);

    /// <summary>Any one of these roles opens the page at <paramref name="url"/> (a local URL, query allowed); empty when unknown.</summary>
    public static IReadOnlyList<string> For(string? url)
    {
        var path = url?.Split('?', '#')[0].TrimEnd('/');
        return path is not null && ByPath.TryGetValue(path, out var roles) ? roles : [];
    }
}
