using LeveragedTokens.Exports.Reconciliation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LeveragedTokens.Exports;

public static class ExportServiceExtensions
{
    /// <summary>
    /// Registers AuditExport, PoolReconciliation and ScheduledExportJob, on the host kit's NpgsqlDataSource.
    /// </summary>
    public static IHostApplicationBuilder AddExportServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ScheduledExportOptions>().BindConfiguration(ScheduledExportOptions.Section).ValidateDataAnnotations();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new AuditExport(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IOptions<ExportOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new PoolReconciliation(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IOptions<ExportOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddTransient(sp => new ScheduledExportJob(
            sp.GetRequiredService<AuditExport>(), sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IOptions<ScheduledExportOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        return builder;
    }
}
