using LeveragedTokens.Dashboard.Web.Api;
using LeveragedTokens.Dashboard.Web.Caching;
using LeveragedTokens.Dashboard.Web.Components;
using LeveragedTokens.Dashboard.Web.Live;
using LeveragedTokens.Data.Queries;
using LeveragedTokens.Stress;
using MudBlazor.Services;
using Serilog;

namespace LeveragedTokens.Dashboard.Web;

public static class DashboardWebExtensions
{
    public static IHostApplicationBuilder AddDashboardWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddDashboardQueries();
        services.AddStress();
        services.AddSingleton<ChainDataHub>();
        services.AddSingleton<LiveCache>();
        services.AddSingleton<Analytics.DecayLeague>();
        // One listening connection for the host; other modules add their channels to it.
        services.AddSingleton<ListenedChannel, ChainDataChannel>();
        services.AddHostedService<NotificationListener>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddPageCache();
        services.AddMudServices();
        services.AddProblemDetails();
        services.AddOpenApi("v1");
        return builder;
    }

    public static WebApplication UseDashboardWeb(this WebApplication app)
    {
        app.UseSerilogRequestLogging();
        // API errors are problem details; page errors are pages (never the developer exception page).
        app.UseWhen(IsApi, api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(ctx => !IsApi(ctx), pages => pages
            .UseExceptionHandler("/error", createScopeForErrors: true)
            .UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing after the handlers, so a re-executed /error or /not-found finds its endpoint.
        app.UseRouting();
        app.UseExactRouteValues();
        app.UseRateLimiter();
        // After routing (a cached page's CSP hashes its endpoint's import map) and the limiter (a budget holds for cached answers too).
        app.UseOutputCache();
        app.UseStaffSignIn();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapOpenApi("/api/v1/openapi.json");
        app.MapDashboardApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().CacheSharedPages();
        return app;
    }

    private static bool IsApi(HttpContext ctx) => ctx.Request.Path.StartsWithSegments("/api");
}
