using Microsoft.Extensions.Options;

namespace LeveragedTokens.Dashboard.Web.Operations;

/// <summary>
/// Graceful stop of a web instance. Registered after the web server, so it is stopped first: while
/// it waits, Kestrel still serves, /readyz answers 503 (the proxy stops sending new sessions here)
/// and open circuits get up to DrainSeconds to go away before the server closes them.
/// </summary>
public sealed class CircuitDrain(CircuitTracker circuits, IOptions<OperationsOptions> options, ILogger<CircuitDrain> logger) : IHostedService
{
    private volatile bool _draining;

    public bool Draining => _draining;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        var deadline = DateTime.UtcNow.AddSeconds(options.Value.DrainSeconds);
        if (circuits.Open > 0) logger.LogInformation("Draining {Circuits} circuits for up to {Seconds} s", circuits.Open, options.Value.DrainSeconds);
        while (circuits.Open > 0 && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            try { await Task.Delay(250, cancellationToken); }
            catch (OperationCanceledException) { break; }
        }
        if (circuits.Open > 0) logger.LogInformation("{Circuits} circuits still open after the drain; stopping", circuits.Open);
    }

    /// <summary>Signals draining as soon as the stop begins (before the hosted services stop in turn).</summary>
    internal void BeginDrain() => _draining = true;
}
