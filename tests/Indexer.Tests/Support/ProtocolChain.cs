using static LeveragedTokens.Indexer.Tests.Support.ProtocolLogs;

namespace LeveragedTokens.Indexer.Tests.Support;

/// <summary>A small protocol on a real anvil, played by emitter contracts: a registry, a pool and a token with steady hourly logs.</summary>
public sealed class ProtocolChain(AnvilNode anvil, LogEmitter registry, LogEmitter pool, LogEmitter token)
{
    public AnvilNode Anvil => anvil;
    public LogEmitter Registry => registry;
    public LogEmitter Pool => pool;
    public LogEmitter Token => token;
    private long _hour = 1;

    public static async Task<ProtocolChain> DeployAsync(AnvilNode anvil)
    {
        var registry = await LogEmitter.DeployAsync(anvil);
        var pool = await LogEmitter.DeployAsync(anvil);
        var token = await LogEmitter.DeployAsync(anvil);
        await registry.EmitManyAsync([PoolRegistered(pool.Address, "BTC", 1000), TokenRegistered(token.Address, pool.Address, "BTC3L")]);
        return new ProtocolChain(anvil, registry, pool, token);
    }

    /// <summary>One block per call: a NAV snapshot and reserve metrics.</summary>
    public async Task PlayHoursAsync(int hours)
    {
        for (var i = 0; i < hours; i++)
        {
            var h = _hour++;
            await token.EmitManyAsync([NavSnapshot(h, 1_000_000 + h, 3, 50_000, 10), Rebalanced(h, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)]);
            var last = await pool.EmitAsync(ReserveMetrics(h, h, 2, 3, 4, 5, 6, -h));
            if (i == hours - 1) await LogEmitter.WaitForReceiptAsync(anvil, last);
        }
    }

    /// <summary>A replacement transaction for anvil_reorg: the token publishes a different snapshot.</summary>
    public object ReplacementTx(long hour) =>
        token.TxRequest(LogEmitter.EmitManyCallData([NavSnapshot(hour, 7, 7, 7, 7)]));
}
