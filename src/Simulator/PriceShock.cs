using System.Globalization;
using System.Numerics;
using LeveragedTokens.Protocol;
using LeveragedTokens.Protocol.Chain;
using LeveragedTokens.Protocol.Deployment;
using LeveragedTokens.Protocol.Functions;

namespace LeveragedTokens.Simulator;

/// <summary>
/// The `shock` verb: one keeper tick at the top of the next hour whose prices are the current marks moved by the
/// given percentages, and nothing else (no flows, top-ups or fee sweep; the gas price as it stands), so the registry
/// rebalances, draws and suspends by its own rules. The new mark is <c>mark × (1 + move)</c> in WAD, rounded down,
/// as the stress engine prices the first hour of a shock.
/// </summary>
public static class PriceShock
{
    public static async Task ApplyAsync(ChainSession session, DeployedProtocol protocol, string shocks, TextWriter progress)
    {
        var moves = Parse(shocks, protocol.Pools.Select(p => p.Underlying).ToList());
        var prices = new List<BigInteger>();
        foreach (var pool in protocol.Pools)
        {
            var mark = await session.CallAsync<MarkPriceFunction, BigInteger>(pool.Address);
            prices.Add(moves.TryGetValue(pool.Underlying, out var move) ? mark * (Wad.One + move) / Wad.One : mark);
        }
        var hour = (long)session.LastTimestamp / 3600 + 1;
        var tick = new TickFunction
        {
            Prices = prices,
            GasPriceWei = await session.CallAsync<GasPriceWeiFunction, BigInteger>(protocol.Oracle),
        };
        var receipt = await session.SendAsync(protocol.Registry, tick, (ulong)hour * 3600);
        progress.WriteLine($"shock {shocks} applied at hour {hour} in block {receipt.BlockNumber.Value}");
    }

    /// <summary>UNDERLYING:percent pairs; a move must stay above −100 %.</summary>
    private static Dictionary<string, BigInteger> Parse(string shocks, IReadOnlyCollection<string> underlyings)
    {
        var moves = new Dictionary<string, BigInteger>();
        foreach (var part in shocks.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.IndexOf(':');
            var underlying = colon < 0 ? "" : part[..colon].Trim().ToUpperInvariant();
            if (!underlyings.Contains(underlying) || !Wad.TryParsePercent(part[(colon + 1)..], out var move) || move <= -Wad.One)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"bad shock '{part}': use UNDERLYING:percent above -100 with one of {string.Join(", ", underlyings)}"));
            moves[underlying] = move;
        }
        return moves;
    }
}
