using LeveragedTokens.Protocol;

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
        var chain = ChainRows.Hourly;
        var pool = ChainRows.Address(0xf0);
        db.ReservePools.Add(ChainRows.ReservePool(chain.At(3, 0, ChainRows.Registry, time: ChainRows.Genesis), pool, SvgUnderlying));
        foreach (var (symbol, i) in Symbols.Select((s, i) => (s, i)))
        {
            var address = ChainRows.Address(0xf1 + i);
            db.Tokens.Add(ChainRows.LeveragedToken(chain.At(3, 1 + i, ChainRows.Registry, time: ChainRows.Genesis), address, symbol, pool));
            for (var h = 0; h < 48; h++)
                db.NavSnapshots.Add(ChainRows.Snapshot(chain.At(5000 + h, 50 + i, address, time: ChainRows.Genesis.AddHours(h)),
                    supply: 10 * Wad.One, mark: 1000 * Wad.One));
        }
        await db.SaveChangesAsync();
    }
}
