namespace LeveragedTokens.Data;

/// <summary>
/// Runway: the hours a pool's buffer above its floor lasts at the average reserve draw of a trailing
/// window. One definition for the reserve page, the API and the runway alert; the window is one setting for all
/// three, the staff threshold RunwayWindowHours (per pool, else global, else <see cref="DefaultWindowHours"/>).
/// </summary>
public readonly record struct ReserveRunway(BigInteger BufferDepth, BigInteger Drawn, decimal WindowHours)
{
    /// <summary>The trailing window unless staff set another.</summary>
    public const int DefaultWindowHours = 24;

    /// <summary>
    /// The draws a reading at a metrics row counts: those after <c>at − window</c> up to the row itself (its
    /// block). The reserve page, the API and the runway alert all count this way.
    /// </summary>
    public static DateTime WindowStart(DateTime at, decimal windowHours) => at - TimeSpan.FromHours((double)windowHours);

    /// <summary>Average quote value drawn per hour over the window (WAD, rounded down).</summary>
    public BigInteger DrawPerHour => Drawn * 1_000_000 / new BigInteger(WindowHours * 1_000_000);

    /// <summary>Buffer over the average hourly draw; infinite without draws, negative below the floor.</summary>
    public double Hours => Drawn.Sign > 0 ? (double)BufferDepth * (double)WindowHours / (double)Drawn : double.PositiveInfinity;
}
