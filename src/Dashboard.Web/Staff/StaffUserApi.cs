using LeveragedTokens.Staff.Identity;
using Microsoft.AspNetCore.Identity;

namespace LeveragedTokens.Dashboard.Web.Staff;

public sealed record CreateUserRequest(string Email, string Password, string[] Roles);
public sealed record RolesRequest(string[] Roles);
public sealed record LockRequest(bool Locked);

public static class StaffUserApi
{
    public static RouteGroupBuilder MapStaffUserApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users");
        users.MapGet("/", async (StaffUserAdmin admin, CancellationToken ct) => Results.Ok(await admin.ListAsync(ct)));
        users.MapPost("/", async (CreateUserRequest body, StaffUserAdmin admin) =>
            Answer(await Guard(() => admin.CreateAsync(body.Email, body.Password, body.Roles))));
        users.MapPut("/{id}/roles", async (string id, RolesRequest body, StaffUserAdmin admin) =>
            Answer(await Guard(() => admin.SetRolesAsync(id, body.Roles))));
        users.MapPost("/{id}/lock", async (string id, LockRequest body, StaffUserAdmin admin) =>
            Answer(await admin.SetLockedAsync(id, body.Locked)));
        return users;
    }

    private static async Task<IdentityResult> Guard(Func<Task<IdentityResult>> action)
    {
        try { return await action(); }
        catch (ArgumentException ex) { return IdentityResult.Failed(new IdentityError { Description = ex.Message }); }
    }

    private static IResult Answer(IdentityResult result) => result.Succeeded
        ? Results.NoContent()
        : Results.ValidationProblem(new Dictionary<string, string[]> { ["user"] = [.. result.Errors.Select(e => e.Description)] });
}
