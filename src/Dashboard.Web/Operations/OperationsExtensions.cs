using System.Net;
using LeveragedTokens.Chain;
using LeveragedTokens.Dashboard.Web.Operations;
using Microsoft.AspNetCore.Components.Server.Circuits;
using LeveragedTokens.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace LeveragedTokens.Dashboard.Web;

/// <summary>Running the web app in production: probes, metrics, headers, limits, shutdown.</summary>
public static class OperationsExtensions
{
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var ops = builder.Configuration.GetSection(OperationsOptions.Section).Get<OperationsOptions>() ?? new OperationsOptions();

        services.AddSingleton<StatusSampleStore>();
        services.AddSingleton<StatusSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<StatusSampler>());
        services.AddSingleton<CircuitTracker>();
        services.AddScoped<CircuitHandler, TrackingCircuitHandler>();
        services.AddSingleton<CircuitDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<CircuitDrain>());
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(ops.ShutdownTimeoutSeconds));

        // The probe asks once, briefly: a slow node is what it reports, not something to wait out.
        if (ops.NodeRpcUrl is { Length: > 0 } nodeUrl)
            services.AddChainRpc(_ => new ChainRpcOptions { Urls = [nodeUrl], RequestTimeout = TimeSpan.FromSeconds(3), MaxAttempts = 1 });
        services.AddHealthChecks()
            .AddCheck<DrainReadiness>("drain", tags: ["ready"])
            .AddCheck<PostgresReadiness>("postgres", tags: ["ready"])
            .AddCheck<IndexerReadiness>("indexer", tags: ["ready"])
            .AddCheck<NodeReadiness>("node", tags: ["ready"]);

        services.AddSingleton<DashboardMetrics>();
        // The resource and the runtime and Npgsql meters come from the host kit (AddHostDefaults).
        services.AddOpenTelemetry()
            .WithMetrics(m => m
                .AddMeter(DashboardMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                    "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.Components.Server.Circuits")
                .AddPrometheusExporter());

        // One key ring for all instances (circuit start-up, antiforgery, staff cookies).
        services.AddDataProtection().SetApplicationName("leveraged-tokens-dashboard");
        services.AddOptions<KeyManagementOptions>().Configure<IConfiguration>((o, config) =>
            o.XmlRepository = new PostgresKeyRing(config.DashboardConnectionString()));

        if (ops.ApiCacheSeconds > 0)
            services.AddOutputCache(o => o.AddBasePolicy(b => b
                .With(ctx => ctx.HttpContext.Request.Path.StartsWithSegments("/api/v1") && !ctx.HttpContext.Request.Path.StartsWithSegments("/api/v1/status"))
                .Expire(TimeSpan.FromSeconds(ops.ApiCacheSeconds)).SetVaryByQuery("*")));

        RateLimits.Register(services);
        // Behind the reverse proxy: the client's address for the limiter, the scheme for HSTS and cookies.
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        services.Configure<KestrelServerOptions>(k =>
        {
            k.Limits.MaxRequestBodySize = ops.MaxRequestBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.MaxRequestLineSize = 8 * 1024;
            k.Limits.Http2.MaxStreamsPerConnection = 100;
            k.AddServerHeader = false;
        });
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(f =>
        {
            f.MultipartBodyLengthLimit = ops.MaxRequestBodyBytes;
            f.ValueCountLimit = 256;
        });
        return builder;
    }

    /// <summary>Call before UseDashboardWeb: these run ahead of logging, error pages and the limiter.</summary>
    public static WebApplication UseOperations(this WebApplication app)
    {
        var ops = app.Services.GetRequiredService<IOptions<OperationsOptions>>().Value;
        var drain = app.Services.GetRequiredService<CircuitDrain>();
        app.Lifetime.ApplicationStopping.Register(drain.BeginDrain);
        _ = app.Services.GetRequiredService<DashboardMetrics>();

        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseSecurityHeaders();
        app.UseAffinityCookie();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(ctx => ctx.Request.Path == "/metrics" && MetricsAllowed(ctx, ops));

        app.MapHealthChecks("/healthz", HealthResponse.Options(_ => false)).DisableRateLimiting();
        app.MapHealthChecks("/readyz", HealthResponse.Options(r => r.Tags.Contains("ready"))).DisableRateLimiting();
        return app;
    }

    private static bool MetricsAllowed(HttpContext ctx, OperationsOptions ops)
    {
        if (ops.MetricsPort is { } port) return ctx.Connection.LocalPort == port;
        return ctx.Connection.RemoteIpAddress is not { } ip || IsPrivate(ip);
    }

    internal static bool IsPrivate(IPAddress ip)
    {
        if (IPAddress.IsLoopback(ip)) return true;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) return ip.IsIPv6UniqueLocal || ip.IsIPv6LinkLocal;
        var b = ip.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168);
    }
}
