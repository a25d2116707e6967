using LeveragedTokens.Data.Entities;
using LeveragedTokens.TestSupport;

namespace LeveragedTokens.Operations.Tests.Support;

/// <summary>Tokens and a pool whose on-chain names are markup: what a hostile deployer could register.</summary>
public static class HostileData
{
    public const string ScriptSymbol = "<script>alert(1)</script>";
    public const string ImgSymbol = "\"><img src=x onerror=alert(1)>";
    public const string SvgUnderlying = "<svg onload=alert(1)>";
    public static readonly string[] Symbols = [ScriptSymbol, ImgSymbol];

    public static async Task SeedAsync(string connectionString)
    {
        await using var db = TestDatabases.Dashboard(connectionString);
        var pool = SampleData.Address(0xf0);
        db.ReservePools.Add(new ReservePool
        {
            ChainId = SampleData.ChainId, BlockNumber = 3, LogIndex = 0, BlockHash = SampleData.Hash(1, 3), TxHash = SampleData.Hash(2, 900),
            BlockTime = SampleData.Start, ContractAddress = SampleData.Address(0xaa), Address = pool, Underlying = SvgUnderlying, FloorBps = 1000,
        });
        foreach (var (symbol, i) in Symbols.Select((s, i) => (s, i)))
        {
            var address = SampleData.Address(0xf1 + i);
            db.Tokens.Add(new LeveragedToken
            {
                ChainId = SampleData.ChainId, BlockNumber = 3, LogIndex = 1 + i, BlockHash = SampleData.Hash(1, 3), TxHash = SampleData.Hash(2, 901 + i),
                BlockTime = SampleData.Start, ContractAddress = SampleData.Address(0xaa), Address = address, PoolAddress = pool, Symbol = symbol,
                IsLong = true, TargetLeverage = 3 * SampleData.Wad, MinLeverage = 25 * SampleData.Wad / 10, MaxLeverage = 35 * SampleData.Wad / 10,
                FallbackIntervalSeconds = 86400,
            });
            for (var h = 0; h < 48; h++)
            {
                db.NavSnapshots.Add(new NavSnapshot
                {
                    ChainId = SampleData.ChainId, BlockNumber = 5000 + h, LogIndex = 50 + i, BlockHash = SampleData.Hash(1, 5000 + h),
                    TxHash = SampleData.Hash(8, 5000 * 10 + h * 2 + i), BlockTime = SampleData.Start.AddHours(h), ContractAddress = address,
                    TokenAddress = address, Hour = (long)(SampleData.Start.AddHours(h) - DateTime.UnixEpoch).TotalHours,
                    Nav = 100 * SampleData.Wad, Leverage = 3 * SampleData.Wad, MarkPrice = 1000 * SampleData.Wad, TotalSupply = 10 * SampleData.Wad,
                });
            }
        }
        await db.SaveChangesAsync();
    }
}
