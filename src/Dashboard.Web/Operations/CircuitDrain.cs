using Microsoft.Extensions.Options;

namespace LeveragedTokens.Dashboard.Web.Operations;

/// <summary>
/// Graceful stop of a web instance. The wait runs in StoppingAsync, which the host calls before it
/// stops any hosted service (the web server among them): while it waits, Kestrel still serves,
/// /readyz answers 503 (the proxy stops sending new sessions here) and open circuits get up to
/// DrainSeconds to go away before the server closes them.
/// </summary>
public sealed class CircuitDrain(CircuitTracker circuits, IOptions<OperationsOptions> options, ILogger<CircuitDrain> logger) : IHostedLifecycleService
{
    private volatile bool _draining;

    public bool Draining => _draining;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
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
