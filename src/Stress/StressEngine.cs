using LeveragedTokens.Data;
using LeveragedTokens.Data.Entities;

namespace LeveragedTokens.Stress;

/// <summary>
/// Plays a scenario hour by hour with the protocol's own rules, in the order the registry's <c>tick</c> runs
/// them: prices, flows, reserve inflows (which alone can resume a pool), every token's rebalance the rules
/// allow (in registration order, each drawing on its pool), then snapshots and pool metrics (where a pool
/// below its floor suspends). Every figure is integer arithmetic rounded as the contracts round it.
/// </summary>
public static class StressEngine
{
    private static readonly BigInteger Bps = 10_000;

    public static StressRun Run(StressState start, Scenario scenario)
    {
        var pools = start.Pools.Select(p => new Pool(p, scenario.PathOf(p.Underlying), Depth(p.Slippage.Depth, scenario.LiquidityOf(p.Underlying)))).ToList();
        var byUnderlying = pools.ToDictionary(p => p.Start.Underlying);
        var tokens = start.Tokens.Select(t => new Token(t, byUnderlying[t.Underlying])).ToList();
        foreach (var pool in pools) pool.Tokens = tokens.Where(t => t.Pool == pool).ToList();
        var before = tokens.ToDictionary(t => t, t => (Nav: t.Nav(t.Pool.Mark), Leverage: t.Leverage(t.Pool.Mark)));
        var poolBefore = pools.ToDictionary(p => p, p => (Utilization: p.Utilization(), Buffer: p.Value() - p.Floor()));
        var afterShock = new Dictionary<Token, BigInteger>();

        for (var k = 1; k <= scenario.Hours; k++)
        {
            var hour = start.Hour + k;
            foreach (var pool in pools) pool.Mark = pool.PricePath.PriceAt(pool.Start.MarkPrice, k);
            foreach (var token in tokens)
            {
                if (scenario.History?.SupplyByToken.GetValueOrDefault(token.Start.Address)?.TryGetValue(hour, out var supply) == true)
                    token.Resize(supply);
                if (k == 1) afterShock[token] = token.Leverage(token.Pool.Mark);
            }
            foreach (var pool in pools) pool.AddInflow(hour, Inflow(scenario, start, pool, hour));
            var gas = scenario.History?.GasCostByHour.GetValueOrDefault(hour) is { IsZero: false } paid ? paid : GasCost(start, byUnderlying);
            // The keeper mines each tick at the top of its hour; history's own block time when replaying it.
            var now = scenario.History?.TickTimeByHour.GetValueOrDefault(hour) is > 0 and var t ? t : hour * 3600;
            foreach (var token in tokens) token.RebalanceIfDue(hour, now, gas);
            foreach (var token in tokens) token.Path.Add(new TokenHour(hour, token.Nav(token.Pool.Mark), token.Leverage(token.Pool.Mark), token.Pool.Mark));
            foreach (var pool in pools) pool.PublishMetrics(hour, k);
        }

        return new StressRun(start, scenario,
            tokens.Select(t => new TokenOutcome(t.Start.Symbol, t.Start.Underlying, t.Start.IsLong, before[t].Nav, before[t].Leverage,
                afterShock.GetValueOrDefault(t, before[t].Leverage), t.Rebalances, t.Deferrals, t.Path)).ToList(),
            pools.Select(p => new PoolOutcome(p.Start.Underlying, p.Start.FloorBps, poolBefore[p].Utilization, poolBefore[p].Buffer,
                p.Start.Suspended, new ReserveRunway(poolBefore[p].Buffer, p.Start.DrawnInWindow, p.Start.RunwayWindowHours), p.HoursToFloor, p.SuspendedAt, p.ResumedAt, p.Path, p.Start.Slippage, p.Depth)).ToList());
    }

    /// <summary>The fitted depth times the liquidity multiplier (exact: the multiplier goes through Wad).</summary>
    private static BigInteger Depth(BigInteger fitted, decimal liquidity) => fitted * Wad.From(liquidity) / Wad.One;

    /// <summary>History's own inflows when replaying history; otherwise the week's average fees, swept daily at 12:00 as the keeper does.</summary>
    private static BigInteger Inflow(Scenario scenario, StressState start, Pool pool, long hour) =>
        scenario.History is { } history
            ? history.InflowsByPool.GetValueOrDefault(pool.Start.Address)?.GetValueOrDefault(hour) ?? BigInteger.Zero
            : hour % 24 == FeeAllocationHourOfDay ? pool.Start.FeesPerDay : BigInteger.Zero;

    /// <summary>The simulator's keeper sweeps fees into the reserves once a day, at this hour (UTC).</summary>
    public const int FeeAllocationHourOfDay = 12;

    /// <summary>Gas is priced in ETH (PriceOracle.rebalanceGasCost): the last gas cost, moved with ETH's scenario price.</summary>
    private static BigInteger GasCost(StressState start, Dictionary<string, Pool> pools) =>
        start.GasCostEth is { } eth && pools.TryGetValue("ETH", out var ethPool) ? eth * ethPool.Mark / Wad.One : start.GasCost;

    private sealed class Pool(PoolState start, PricePath pricePath, BigInteger depth)
    {
        public PoolState Start { get; } = start;
        public PricePath PricePath { get; } = pricePath;
        public BigInteger Depth { get; } = depth;
        public BigInteger Mark { get; set; } = start.MarkPrice;
        public BigInteger Balance { get; set; } = start.ReserveBalance;
        public bool Suspended { get; private set; } = start.Suspended;
        public List<Token> Tokens { get; set; } = [];
        public List<PoolHour> Path { get; } = [];
        public long? SuspendedAt { get; private set; }
        public long? ResumedAt { get; private set; }
        public int? HoursToFloor { get; private set; }

        public BigInteger Value() => Balance * Mark / Wad.One;

        public BigInteger Floor() =>
            Tokens.Select(t => t.Equity(Mark)).Where(e => e.Sign > 0).Aggregate(BigInteger.Zero, (s, e) => s + e) * Start.FloorBps / Bps;

        public BigInteger Utilization() => Value() is { IsZero: false } v ? Floor() * Bps / v : Wad.Uint256Max;

        public void SuspendBelowFloor(long hour, BigInteger value, BigInteger floor)
        {
            if (Suspended || value >= floor) return;
            Suspended = true;
            SuspendedAt ??= hour;
        }

        /// <summary>ReservePool._resumeAboveFloor: only new money resumes a pool, never a price move.</summary>
        public void AddInflow(long hour, BigInteger amount)
        {
            if (amount.IsZero) return;
            Balance += amount;
            if (Suspended && Value() >= Floor())
            {
                Suspended = false;
                ResumedAt ??= hour;
            }
        }

        /// <summary>ReservePool.coverCosts: the reserve's share, refused whole when it would cross the floor.</summary>
        public (DeferralReason? Refused, BigInteger Draw) Cover(long hour, BigInteger cost)
        {
            var (value, floor) = (Value(), Floor());
            SuspendBelowFloor(hour, value, floor);
            if (Suspended) return (DeferralReason.PoolSuspended, BigInteger.Zero);
            var draw = cost * Start.DrawShareBps / Bps;
            if (draw > value - floor) return (DeferralReason.ReserveCannotCover, BigInteger.Zero);
            var amount = (draw * Wad.One + Mark - 1) / Mark;
            Balance -= BigInteger.Min(amount, Balance);
            return (null, draw);
        }

        public void PublishMetrics(long hour, int k)
        {
            var (value, floor) = (Value(), Floor());
            SuspendBelowFloor(hour, value, floor);
            if (value < floor) HoursToFloor ??= k;
            Path.Add(new PoolHour(hour, Balance, Mark, value, floor, value.IsZero ? Wad.Uint256Max : floor * Bps / value, value - floor, Suspended));
        }
    }

    private sealed class Token(TokenState start, Pool pool)
    {
        public TokenState Start { get; } = start;
        public Pool Pool { get; } = pool;
        private BigInteger _exposure = start.Exposure;
        private BigInteger _cash = start.Cash;
        private BigInteger _supply = start.TotalSupply;
        private long _lastRebalanceAt = start.LastRebalanceAt;
        public List<StressRebalance> Rebalances { get; } = [];
        public List<StressDeferral> Deferrals { get; } = [];
        public List<TokenHour> Path { get; } = [];

        public BigInteger Equity(BigInteger mark) => _cash + ValueAt(_exposure, mark);

        public BigInteger Nav(BigInteger mark)
        {
            if (_supply.IsZero) return 100 * Wad.One;
            var equity = Equity(mark);
            return equity.Sign <= 0 ? BigInteger.Zero : equity * Wad.One / _supply;
        }

        public BigInteger Leverage(BigInteger mark)
        {
            if (_exposure.IsZero) return BigInteger.Zero;
            var equity = Equity(mark);
            return equity.Sign <= 0 ? Wad.Uint256Max : BigInteger.Abs(ValueAt(_exposure, mark)) * Wad.One / equity;
        }

        /// <summary>Mints and redemptions at NAV scale the position and keep leverage (LeveragedToken.mint/redeem).</summary>
        public void Resize(BigInteger supply)
        {
            if (_supply.IsZero || supply == _supply) return;
            _exposure = _exposure * supply / _supply;
            _cash = _cash * supply / _supply;
            _supply = supply;
        }

        private RebalanceTrigger? Due(long now)
        {
            var mark = Pool.Mark;
            if (_supply.IsZero || Equity(mark).Sign <= 0) return null;
            var leverage = Leverage(mark);
            if (leverage < Start.MinLeverage || leverage > Start.MaxLeverage) return RebalanceTrigger.LeverageOutOfBand;
            return now >= _lastRebalanceAt + Start.FallbackIntervalSeconds ? RebalanceTrigger.TimeFallback : null;
        }

        /// <summary>LeveragedToken.rebalance: back to target at mark through the spot pool, costs shared with the reserve.</summary>
        public void RebalanceIfDue(long hour, long now, BigInteger gasCost)
        {
            if (Due(now) is not { } trigger) return;
            var mark = Pool.Mark;
            var leverageBefore = Leverage(mark);
            var equityBefore = Equity(mark);
            var size = Start.TargetLeverage * equityBefore / Wad.One * Wad.One / mark;
            var delta = (Start.IsLong ? size : -size) - _exposure;
            var isBuy = delta.Sign > 0;
            var amount = BigInteger.Abs(delta);
            var execution = mark;
            if (!Pool.Depth.IsZero)
            {
                amount = BigInteger.Min(amount, SlippageFit.MaxTradeAmount(Pool.Depth, mark));
                execution = SlippageFit.ExecutionPrice(Pool.Depth, mark, isBuy, amount);
            }
            var target = isBuy ? _exposure + amount : _exposure - amount;
            var slippage = amount * BigInteger.Abs(execution - mark) / Wad.One;
            var (refused, draw) = Pool.Cover(hour, slippage + gasCost);
            if (refused is { } reason)
            {
                Deferrals.Add(new StressDeferral(hour, reason, leverageBefore, mark));
                return;
            }
            var navBefore = Nav(mark);
            _cash -= ValueAt(target, mark) - ValueAt(_exposure, mark) + (slippage + gasCost - draw);
            _exposure = target;
            _lastRebalanceAt = now;
            Rebalances.Add(new StressRebalance(hour, trigger, isBuy, amount, mark, execution, leverageBefore, Leverage(mark),
                navBefore, Nav(mark), slippage, gasCost, draw));
        }
    }

    /// <summary>WadMath.valueAt: signed amount times price, truncated toward zero as Solidity's int division.</summary>
    public static BigInteger ValueAt(BigInteger amount, BigInteger price) => amount * price / Wad.One;
}
