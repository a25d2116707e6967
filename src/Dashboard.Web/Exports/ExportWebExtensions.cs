using LeveragedTokens.Dashboard.Web.Exports;
using LeveragedTokens.Dashboard.Web.Operations;
using LeveragedTokens.Exports;
using LeveragedTokens.Staff;

namespace LeveragedTokens.Dashboard.Web;

/// <summary>Exports on the web: the public quick export, and full exports and reconciliation for auditors.</summary>
public static class ExportWebExtensions
{
    /// <summary>The auditor role only (the staff policies do not nest roles: an admin grants itself auditor if needed).</summary>
    public const string AuditorPolicy = "staff-auditor";

    public static WebApplicationBuilder AddExportWeb(this WebApplicationBuilder builder)
    {
        builder.AddExportServices();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuditorPolicy, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Auditor));
        return builder;
    }

    /// <summary>/api/v1/exports (public, rate limited like the rest of /api/v1), /api/staff/exports (with the staff trail) and /api/staff/reconciliation (auditors).</summary>
    public static WebApplication MapExportEndpoints(this WebApplication app)
    {
        app.MapGroup("/api/v1/exports").RequireRateLimiting(RateLimits.ApiPolicy).WithTags("Exports")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .MapQuickExportApi();
        var audit = app.MapGroup("/api/staff/exports").RequireAuthorization(AuditorPolicy).WithTags("Audit");
        // A literal route: it wins over the datasets' {file}.
        audit.MapGet("/staff-trail.csv", async (StaffTrail trail, CancellationToken ct) =>
            Results.Text(await trail.ToCsvAsync(ct), "text/csv; charset=utf-8", System.Text.Encoding.UTF8));
        audit.MapAuditExportApi();
        app.MapGroup("/api/staff/reconciliation").RequireAuthorization(AuditorPolicy).WithTags("Audit").MapReconciliationApi();
        return app;
    }
}
