namespace LeveragedTokens.Staff.Scenarios;

/// <summary>
/// A stress scenario risk staff keep watching, in the stress API's own text (<c>shocks</c> or <c>path</c>, hours,
/// liquidity): re-run every hour from the latest final block, it alerts while it would suspend a pool.
/// </summary>
public sealed class SavedScenario
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Shocks { get; set; }
    public string? Path { get; set; }
    public int? Hours { get; set; }
    public decimal Liquidity { get; set; } = 1;
    public required string CreatedBy { get; set; }
    public required DateTime CreatedAt { get; set; }
}
