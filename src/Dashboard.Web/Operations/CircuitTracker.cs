using Microsoft.AspNetCore.Components.Server.Circuits;

namespace LeveragedTokens.Dashboard.Web.Operations;

/// <summary>Counts this instance's open circuits, for the drain on shutdown and the metrics.</summary>
public sealed class CircuitTracker
{
    private int _open;
    public int Open => Volatile.Read(ref _open);
    internal void Opened() => Interlocked.Increment(ref _open);
    internal void Closed() => Interlocked.Decrement(ref _open);
}

internal sealed class TrackingCircuitHandler(CircuitTracker tracker) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct)
    {
        tracker.Opened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken ct)
    {
        tracker.Closed();
        return Task.CompletedTask;
    }
}
