using System.Numerics;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Protocol;

namespace LeveragedTokens.TestSupport;

/// <summary>
/// The one maker of synthetic chain rows for tests and benches: the chain id, the fixed genesis, addresses,
/// block and tx hashes, each row's <see cref="LogOrigin"/>, and rows whose figures satisfy the protocol's
/// identities. A block's time is <paramref name="start"/> (default <see cref="Genesis"/>) + block x
/// <paramref name="blockSeconds"/> unless a row says otherwise.
/// </summary>
public sealed class ChainRows(int blockSeconds, DateTime? start = null)
{
    public const long ChainId = 31337;
    public static readonly DateTime Genesis = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly BigInteger Int256Min = -BigInteger.Pow(2, 255);
    /// <summary>The registry every pool and token is registered by.</summary>
    public static readonly string Registry = Address(0xaa);
    /// <summary>The pool and token of one-pool scenarios.</summary>
    public static readonly string Pool = Address(0xa1), Token = Address(0xb1);

    /// <summary>One block an hour: block n is n hours after genesis.</summary>
    public static readonly ChainRows Hourly = new(3600);

    public static string Address(int n) => "0x" + n.ToString("x40");
    public static string BlockHash(long block) => "0x" + block.ToString("x64");
    /// <summary>The hash of transaction <paramref name="tx"/> of a block; never equal to a block hash.</summary>
    public static string TxHash(long block, int tx = 0) => "0x7" + (block * 1000 + tx).ToString("x63");
    /// <summary>18-decimal fixed point of a double, to 9 decimals: simulated prices and NAVs.</summary>
    public static BigInteger ToWad(double value) => Wad.From(Math.Round((decimal)value, 9));
    public static long HourOf(DateTime time) => (long)(time - DateTime.UnixEpoch).TotalHours;

    public DateTime Start { get; } = start ?? Genesis;
    public DateTime TimeOf(long block) => Start.AddSeconds(block * blockSeconds);

    /// <summary>A log's place: by default in transaction <paramref name="log"/> of the block, at the block's time.</summary>
    public LogOrigin At(long block, int log, string contract, int? tx = null, DateTime? time = null) =>
        new(ChainId, block, log, BlockHash(block), TxHash(block, tx ?? log), time ?? TimeOf(block), contract);

    /// <summary>The header the indexer keeps of a block in its unfinalized window.</summary>
    public IndexedBlock Header(long block) => new()
    {
        ChainId = ChainId, Number = block, Hash = BlockHash(block), ParentHash = BlockHash(block - 1), Timestamp = TimeOf(block),
    };

    /// <summary>Log <paramref name="log"/> of block 1 (genesis + 1 h), emitted by the registry.</summary>
    public static LogOrigin Registration(int log) => Hourly.At(1, log, Registry);

    public static ReservePool ReservePool(LogOrigin at, string address, string underlying = "BTC", int floorBps = 1000) =>
        new ReservePool { Address = address, Underlying = underlying, FloorBps = floorBps }.At(at);

    public static LeveragedToken LeveragedToken(LogOrigin at, string address, string symbol, string pool, bool isLong = true) =>
        new LeveragedToken
        {
            Address = address, PoolAddress = pool, Symbol = symbol, IsLong = isLong, TargetLeverage = 3 * Wad.One,
            MinLeverage = 25 * Wad.One / 10, MaxLeverage = 35 * Wad.One / 10, FallbackIntervalSeconds = 86_400,
        }.At(at);

    /// <summary>A band rebalance whose NAV after satisfies navAfter = navBefore - (slippage + gas - draw) x 1e18 / supply.</summary>
    public static Rebalance Rebalance(LogOrigin at, long id, BigInteger? navBefore = null, BigInteger? supply = null,
        BigInteger? slippage = null, BigInteger? gas = null, BigInteger? draw = null, BigInteger? leverageAfter = null)
    {
        var before = navBefore ?? 100 * Wad.One;
        var cost = (slippage ?? 3 * Wad.One) + (gas ?? Wad.One / 2) - (draw ?? Wad.One);
        var after = before - cost * Wad.One / (supply ?? 1000 * Wad.One);
        return new Rebalance
        {
            TokenAddress = at.ContractAddress, RebalanceId = id, Trigger = RebalanceTrigger.LeverageOutOfBand, IsBuy = id % 2 == 0,
            Amount = Wad.One / 3, MarkPrice = 50_000 * Wad.One, ExecutionPrice = 50_010 * Wad.One, LeverageBefore = 36 * Wad.One / 10,
            LeverageAfter = leverageAfter ?? 3 * Wad.One, NavBefore = before, NavAfter = after, NavDelta = after - before,
            SlippageCost = slippage ?? 3 * Wad.One, GasCost = gas ?? Wad.One / 2, ReserveDraw = draw ?? Wad.One,
        }.At(at);
    }

    public static NavSnapshot Snapshot(LogOrigin at, BigInteger? supply = null, BigInteger? leverage = null, BigInteger? nav = null,
        BigInteger? mark = null) =>
        new NavSnapshot
        {
            TokenAddress = at.ContractAddress, Hour = HourOf(at.BlockTime), Nav = nav ?? 100 * Wad.One, Leverage = leverage ?? 3 * Wad.One,
            MarkPrice = mark ?? 50_000 * Wad.One, TotalSupply = supply ?? 1000 * Wad.One,
        }.At(at);

    public static PoolLedgerEntry Ledger(LogOrigin at, LedgerEntryKind kind, BigInteger amount, BigInteger? newBalance = null,
        string? counterparty = null, long? rebalanceId = null, BigInteger? value = null) =>
        new PoolLedgerEntry
        {
            PoolAddress = at.ContractAddress, Kind = kind, Amount = amount, NewBalance = newBalance, Counterparty = counterparty,
            RebalanceId = rebalanceId, Value = value,
        }.At(at);

    /// <summary>A metrics row consistent with its own identities (floor 10% of the supply value).</summary>
    public static ReserveMetrics Metrics(LogOrigin at, BigInteger balance, BigInteger? mark = null, BigInteger? supplyValue = null)
    {
        var price = mark ?? 50_000 * Wad.One;
        var value = balance * price / Wad.One;
        var floor = (supplyValue ?? 100_000 * Wad.One) / 10;
        return new ReserveMetrics
        {
            PoolAddress = at.ContractAddress, Hour = HourOf(at.BlockTime), ReserveBalance = balance, MarkPrice = price, ReserveValue = value,
            TokenSupplyValue = supplyValue ?? 100_000 * Wad.One, FloorValue = floor,
            UtilizationBps = value.IsZero ? Wad.Uint256Max : floor * 10_000 / value, BufferDepth = value - floor,
        }.At(at);
    }

    public static RawEvent Raw(LogOrigin at, string eventName, string[] topics, string data = "0x", int txIndex = 0) =>
        new RawEvent { TxIndex = txIndex, EventName = eventName, Topics = topics, Data = data }.At(at);

    /// <summary>The indexer's checkpoint at a head block, as of 30 days after genesis.</summary>
    public static IndexerState Indexed(long head, int confirmations = 12) => new()
    {
        ChainId = ChainId, IndexedBlock = head, IndexedBlockHash = BlockHash(head), HeadBlock = head, Confirmations = confirmations,
        UpdatedAt = Genesis.AddDays(30),
    };
}
