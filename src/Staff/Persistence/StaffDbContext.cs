using LeveragedTokens.Staff.Alerts;
using LeveragedTokens.Staff.Identity;
using LeveragedTokens.Staff.Notifications;
using LeveragedTokens.Staff.Scenarios;
using LeveragedTokens.Staff.Thresholds;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Staff.Persistence;

/// <summary>
/// Staff data (identity, alerts, thresholds, saved stress scenarios, deliveries) in schema "staff" of the dashboard database,
/// with its own migrations and history table so it never collides with the chain model.
/// </summary>
public sealed class StaffDbContext(DbContextOptions<StaffDbContext> options) : IdentityDbContext<StaffUser>(options)
{
    public const string Schema = "staff";
    public const string MigrationsHistoryTable = "__staff_migrations_history";

    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<AlertAction> AlertActions => Set<AlertAction>();
    public DbSet<AlertEvaluationCursor> EvaluationCursors => Set<AlertEvaluationCursor>();
    public DbSet<AlertThreshold> Thresholds => Set<AlertThreshold>();
    public DbSet<ThresholdChange> ThresholdChanges => Set<ThresholdChange>();
    public DbSet<SavedScenario> SavedScenarios => Set<SavedScenario>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookDeliveryAttempt> WebhookDeliveryAttempts => Set<WebhookDeliveryAttempt>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.ApplyConfigurationsFromAssembly(typeof(StaffDbContext).Assembly);
    }
}
