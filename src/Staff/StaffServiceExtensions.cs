using LeveragedTokens.Staff.Alerts;
using LeveragedTokens.Staff.Alerts.Rules;
using LeveragedTokens.Staff.Identity;
using LeveragedTokens.Staff.Notifications;
using LeveragedTokens.Staff.Persistence;
using LeveragedTokens.Staff.Scenarios;
using LeveragedTokens.Staff.Thresholds;
using LeveragedTokens.Stress;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LeveragedTokens.Staff;

public static class StaffServiceExtensions
{
    /// <summary>
    /// The alerts domain for any host (web or indexer): rules, the evaluation and webhook job classes,
    /// thresholds and the alert desk. The staff database comes from the host kit (AddDashboardDatabase).
    /// </summary>
    public static IHostApplicationBuilder AddStaffAlerts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(s => s.ServiceType == typeof(StaffAlertsMarker))) return builder;
        services.AddSingleton<StaffAlertsMarker>();

        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WebhookDeliveryJob.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));

        // Rules in a fixed order; each condition belongs to exactly one rule.
        services.AddSingleton<IAlertRule, ReserveFloorRule>();
        services.AddSingleton<IAlertRule, SuspensionRule>();
        services.AddSingleton<IAlertRule, MissedPublicationRule>();
        services.AddSingleton<IAlertRule, RebalanceRules>();
        services.AddSingleton<IAlertRule, RunwayRule>();
        services.AddSingleton<IAlertRule, IndexerLagRule>();
        services.AddSingleton<IAlertRule, DecodeFailureRule>();

        services.AddSingleton<AlertNotifier>();
        services.AddSingleton<AlertTransaction>();
        services.AddTransient<AlertEvaluationJob>();
        // Saved stress scenarios, re-run hourly by their job with the stress engine.
        services.AddStress();
        services.AddSingleton<SavedScenarios>();
        services.AddTransient<SavedScenarioJob>();
        services.AddTransient<WebhookDeliveryJob>();
        services.AddSingleton<ThresholdEditor>();
        services.AddSingleton<IRunwayWindows>(sp => sp.GetRequiredService<ThresholdEditor>());
        services.AddSingleton<ThresholdScopes>();
        services.AddSingleton<AlertDesk>();
        services.AddSingleton<StaffTrail>();
        return builder;
    }

    /// <summary>Identity stores for staff (users, roles risk/auditor/admin, lockout after repeated failures).</summary>
    public static IdentityBuilder AddStaffIdentityCore(this IHostApplicationBuilder builder)
    {
        builder.AddStaffAlerts();
        var staff = builder.Configuration.GetSection(StaffOptions.Section).Get<StaffOptions>() ?? new StaffOptions();
        builder.Services.AddScoped<StaffUserAdmin>();
        builder.Services.AddDataProtection();
        return builder.Services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                // Length over composition rules (NIST SP 800-63B): long passphrases are welcome.
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = staff.MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(staff.LockoutMinutes);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StaffDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
    }

    private sealed class StaffAlertsMarker;
}
