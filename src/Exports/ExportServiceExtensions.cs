using LeveragedTokens.Exports.Reconciliation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LeveragedTokens.Exports;

public static class ExportServiceExtensions
{
    /// <summary>
    /// Registers AuditExport, PoolReconciliation and ScheduledExportJob. Needs an NpgsqlDataSource
    /// in the container; if none is registered one is built on ConnectionStrings:Dashboard.
    /// </summary>
    public static IHostApplicationBuilder AddExportServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ScheduledExportOptions>().BindConfiguration(ScheduledExportOptions.Section).ValidateDataAnnotations();
        builder.Services.TryAddSingleton(sp =>
            NpgsqlDataSource.Create(sp.GetRequiredService<IConfiguration>().GetConnectionString(Data.DataServiceExtensions.ConnectionName)
                ?? throw new InvalidOperationException("ConnectionStrings:Dashboard is not set.")));
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
