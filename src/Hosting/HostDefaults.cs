using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;
using Serilog;

namespace LeveragedTokens.Hosting;

/// <summary>What every host gets: Serilog from configuration and an OpenTelemetry resource with the runtime and Npgsql meters.</summary>
public static class HostDefaults
{
    public static IHostApplicationBuilder AddHostDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        // No bootstrap logger: several test hosts in one process would freeze it twice.
        builder.Services.AddSerilog((sp, lc) => lc.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(sp));
        // Hosts add their exporters and meters (the web host scrapes with Prometheus).
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}/{Environment.ProcessId}"))
            .WithMetrics(m => m.AddMeter("System.Runtime", "Npgsql"));
        return builder;
    }
}
