namespace LeveragedTokens.Stress;

/// <summary>
/// The runway window in force per pool address of one chain: the staff threshold RunwayWindowHours, which src/Staff owns (its
/// ThresholdEditor provides this), so the stress report's runway follows the same rule as the reserve page and alerts.
/// </summary>
public interface IRunwayWindows
{
    Task<Func<string, decimal>> RunwayWindowsAsync(long chainId, CancellationToken ct);
}
