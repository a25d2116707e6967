using LeveragedTokens.Staff.Alerts;
using LeveragedTokens.Staff.Identity;
using LeveragedTokens.Staff.Notifications;
using LeveragedTokens.Staff.Scenarios;
using LeveragedTokens.Staff.Thresholds;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeveragedTokens.Staff.Persistence;

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> entity) => entity.ToTable("users");
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> entity) => entity.ToTable("roles");
}

internal sealed class IdentityTablesConfiguration :
    IEntityTypeConfiguration<IdentityUserRole<string>>, IEntityTypeConfiguration<IdentityUserClaim<string>>,
    IEntityTypeConfiguration<IdentityUserLogin<string>>, IEntityTypeConfiguration<IdentityUserToken<string>>,
    IEntityTypeConfiguration<IdentityRoleClaim<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserRole<string>> entity) => entity.ToTable("user_roles");
    public void Configure(EntityTypeBuilder<IdentityUserClaim<string>> entity) => entity.ToTable("user_claims");
    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> entity) => entity.ToTable("user_logins");
    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> entity) => entity.ToTable("user_tokens");
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<string>> entity) => entity.ToTable("role_claims");
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> entity)
    {
        entity.ToTable("alerts");
        entity.Property(e => e.Kind).HasConversion<string>().HasMaxLength(40);
        entity.Property(e => e.Severity).HasConversion<string>().HasMaxLength(16);
        entity.Property(e => e.ConditionKey).HasMaxLength(120);
        entity.Property(e => e.Subject).HasMaxLength(42);
        entity.Property(e => e.FiredTxHash).HasMaxLength(66);
        entity.Property(e => e.ResolvedTxHash).HasMaxLength(66);
        entity.Property(e => e.AcknowledgementNote).HasMaxLength(2000);
        // The same condition never has two unresolved alerts.
        entity.HasIndex(e => new { e.ChainId, e.ConditionKey }).IsUnique().HasFilter("resolved_at IS NULL");
        entity.HasIndex(e => e.FiredAt);
        entity.HasIndex(e => e.ResolvedAt);
        // The trail outlives nothing it describes: an alert with a trail cannot be deleted.
        entity.HasMany(e => e.Actions).WithOne().HasForeignKey(a => a.AlertId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AlertActionConfiguration : IEntityTypeConfiguration<AlertAction>
{
    public void Configure(EntityTypeBuilder<AlertAction> entity)
    {
        entity.ToTable("alert_actions");
        entity.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        entity.Property(e => e.By).HasMaxLength(256);
        entity.Property(e => e.Before).HasMaxLength(80);
        entity.Property(e => e.After).HasMaxLength(80);
        entity.Property(e => e.Comment).HasMaxLength(2000);
        entity.HasIndex(e => new { e.AlertId, e.Id });
        entity.HasIndex(e => e.At);
    }
}

internal sealed class AlertEvaluationCursorConfiguration : IEntityTypeConfiguration<AlertEvaluationCursor>
{
    public void Configure(EntityTypeBuilder<AlertEvaluationCursor> entity)
    {
        entity.ToTable("alert_evaluation_cursors");
        entity.HasKey(e => e.ChainId);
        entity.Property(e => e.ChainId).ValueGeneratedNever();
    }
}

internal sealed class AlertThresholdConfiguration : IEntityTypeConfiguration<AlertThreshold>, IEntityTypeConfiguration<ThresholdChange>
{
    public void Configure(EntityTypeBuilder<AlertThreshold> entity)
    {
        entity.ToTable("alert_thresholds");
        entity.Property(e => e.Key).HasConversion<string>().HasMaxLength(40);
        entity.Property(e => e.Scope).HasMaxLength(64);
        entity.HasIndex(e => new { e.Scope, e.Key }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ThresholdChange> entity)
    {
        entity.ToTable("threshold_changes");
        entity.Property(e => e.Key).HasConversion<string>().HasMaxLength(40);
        entity.Property(e => e.Scope).HasMaxLength(64);
        entity.HasIndex(e => e.ChangedAt);
    }
}

internal sealed class SavedScenarioConfiguration : IEntityTypeConfiguration<SavedScenario>
{
    public void Configure(EntityTypeBuilder<SavedScenario> entity)
    {
        entity.ToTable("saved_scenarios");
        entity.Property(e => e.Name).HasMaxLength(SavedScenarios.MaxNameLength);
        entity.Property(e => e.Shocks).HasMaxLength(SavedScenarios.MaxTextLength);
        entity.Property(e => e.Path).HasMaxLength(SavedScenarios.MaxTextLength);
        entity.Property(e => e.CreatedBy).HasMaxLength(256);
        entity.HasIndex(e => e.Name).IsUnique();
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>, IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> entity)
    {
        entity.ToTable("webhook_deliveries");
        entity.Property(e => e.Event).HasConversion<string>().HasMaxLength(16);
        entity.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        entity.Property(e => e.EndpointName).HasMaxLength(100);
        entity.Property(e => e.Payload).HasColumnType("text");
        entity.HasIndex(e => new { e.AlertId, e.Event, e.EndpointName }).IsUnique();
        entity.HasIndex(e => e.Status);
        entity.HasOne<Alert>().WithMany().HasForeignKey(e => e.AlertId);
        entity.HasMany(e => e.Attempts).WithOne().HasForeignKey(a => a.DeliveryId);
    }

    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> entity) => entity.ToTable("webhook_delivery_attempts");
}
