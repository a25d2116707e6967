namespace LeveragedTokens.Stress;

/// <summary>
/// The spot market's slippage, fitted per underlying on indexed rebalances. The protocol's spot pool is a
/// constant-product market of <c>Depth</c> quote a side (SpotPool.sol), so each rebalance's execution price
/// and size imply the depth it met; the fit is their median, and its error is how far the realized
/// slippage of the fitted rebalances lies from what the fitted depth predicts.
/// </summary>
/// <param name="Samples">Rebalances the fit used.</param>
/// <param name="MedianError">Median relative error of predicted vs realized slippage cost.</param>
/// <param name="MaxError">Largest relative error of the fitted rebalances.</param>
public sealed record SlippageFit(BigInteger Depth, int Samples, double MedianError, double MaxError)
{
    /// <summary>
    /// The error the model states: its largest, but no tighter than 1e-12. Below that a difference is the wei
    /// rounding of a position rebuilt from rounded events (a trade size off by a few hundred wei), not the model.
    /// </summary>
    public double StatedError => Math.Max(MaxError, 1e-12);

    /// <summary>A quarter of the underlying side per trade, as <c>SpotPool.maxTradeAmount</c>.</summary>
    public static BigInteger MaxTradeAmount(BigInteger depth, BigInteger mark) => depth * Wad.One / mark / 4;

    /// <summary>The average execution price, rounded as <c>SpotPool.quote</c> rounds it.</summary>
    public static BigInteger ExecutionPrice(BigInteger depth, BigInteger mark, bool isBuy, BigInteger amount)
    {
        var x = depth * Wad.One / mark;
        return isBuy ? mark * x / (x - amount) + 1 : mark * x / (x + amount);
    }

    /// <summary><c>amount * |execution - mark|</c>, the event's slippageCost.</summary>
    public static BigInteger SlippageCost(BigInteger depth, BigInteger mark, bool isBuy, BigInteger amount) =>
        amount * BigInteger.Abs(ExecutionPrice(depth, mark, isBuy, amount) - mark) / Wad.One;

    /// <summary>The depth a trade met: inverts the constant-product quote (x = a·exec / |exec − mark|).</summary>
    public static BigInteger? ImpliedDepth(BigInteger mark, BigInteger executionPrice, bool isBuy, BigInteger amount)
    {
        var gap = BigInteger.Abs(executionPrice - mark);
        if (gap.IsZero || amount.IsZero) return null;
        return amount * executionPrice / gap * mark / Wad.One;
    }

    public static SlippageFit Fit(IReadOnlyList<(BigInteger Mark, BigInteger ExecutionPrice, bool IsBuy, BigInteger Amount, BigInteger SlippageCost)> trades)
    {
        var usable = trades.Where(t => t.SlippageCost > 0)
            .Select(t => (Trade: t, Depth: ImpliedDepth(t.Mark, t.ExecutionPrice, t.IsBuy, t.Amount)))
            .Where(t => t.Depth is not null).ToList();
        if (usable.Count == 0) return new SlippageFit(BigInteger.Zero, 0, 0, 0);
        var depths = usable.Select(t => t.Depth!.Value).Order().ToList();
        var depth = depths[depths.Count / 2];
        var errors = usable.Select(t => Math.Abs(
                Wad.ToDouble(SlippageCost(depth, t.Trade.Mark, t.Trade.IsBuy, t.Trade.Amount) - t.Trade.SlippageCost) / Wad.ToDouble(t.Trade.SlippageCost)))
            .Order().ToList();
        return new SlippageFit(depth, usable.Count, errors[errors.Count / 2], errors[^1]);
    }
}
