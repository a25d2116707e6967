using System.Numerics;
using System.Text;
using LeveragedTokens.Protocol.Chain;
using LeveragedTokens.Protocol.Functions;
using Nethereum.Util;

namespace LeveragedTokens.Protocol.Deployment;

/// <summary>Deploys a <see cref="ProtocolSpec"/>: the registry (which creates the oracle and is
/// every contract's keeper), then per pool its spot pool and reserve pool, then the tokens,
/// registering each pool before its tokens as the indexer expects.</summary>
public static class ProtocolDeployer
{
    public static async Task<DeployedProtocol> DeployAsync(ChainSession session, ProtocolSpec spec, ulong notBefore = 0)
    {
        var registry = Checksum(await session.DeployAsync(new RegistryDeployment { Operator = session.Address }, notBefore));
        var oracle = Checksum(await session.CallAsync<OracleFunction, string>(registry));
        var pools = new List<DeployedPool>();
        foreach (var pool in spec.Pools)
        {
            var spot = Checksum(await session.DeployAsync(new SpotPoolDeployment
            {
                Keeper = registry, Oracle = oracle, Asset = AssetKey(pool.Underlying), Depth = pool.SpotDepth,
            }));
            var reserve = Checksum(await session.DeployAsync(new ReservePoolDeployment
            {
                Keeper = registry, Oracle = oracle, SpotPool = spot, Underlying = pool.Underlying,
                FloorBps = pool.FloorBps, DrawShareBps = pool.DrawShareBps,
            }));
            await session.SendAsync(registry, new RegisterPoolFunction { Pool = reserve });
            pools.Add(new DeployedPool(pool.Underlying, reserve, spot));
        }
        var tokens = new List<DeployedToken>();
        foreach (var token in spec.Tokens)
        {
            var pool = pools.Single(p => p.Underlying == token.Underlying);
            var address = Checksum(await session.DeployAsync(new LeveragedTokenDeployment
            {
                Keeper = registry, Pool = pool.Address, Name = token.Name, Symbol = token.Symbol, IsLong = token.IsLong,
                TargetLeverage = token.TargetLeverage, MinLeverage = token.MinLeverage, MaxLeverage = token.MaxLeverage,
                FallbackInterval = token.FallbackInterval, FlowFeeBps = token.FlowFeeBps,
            }));
            await session.SendAsync(registry, new RegisterTokenFunction { Token = address });
            tokens.Add(new DeployedToken(token.Symbol, address, pool.Address, token.IsLong));
        }
        var block = (long)await session.CallAsync<DeployedAtBlockFunction, BigInteger>(registry);
        return new DeployedProtocol(session.ChainId, registry, oracle, block, pools, tokens);
    }

    /// <summary>The registry this session's account deployed with its first transaction, if any:
    /// a deterministic address, so a rerun finds its own deployment without configuration.</summary>
    public static async Task<DeployedProtocol?> FindAsync(ChainSession session)
    {
        var registry = Checksum(ContractUtils.CalculateContractAddress(session.Address, 0));
        var code = await session.Rpc.CodeAsync(registry, CancellationToken.None);
        if (code.Length <= 2) return null;
        return await LoadAsync(session, registry);
    }

    public static async Task<DeployedProtocol> LoadAsync(ChainSession session, string registry)
    {
        var oracle = Checksum(await session.CallAsync<OracleFunction, string>(registry));
        var block = (long)await session.CallAsync<DeployedAtBlockFunction, BigInteger>(registry);
        var pools = new List<DeployedPool>();
        foreach (var pool in await session.CallAsync<PoolsFunction, List<string>>(registry))
        {
            pools.Add(new DeployedPool(
                await session.CallAsync<UnderlyingFunction, string>(pool), Checksum(pool),
                Checksum(await session.CallAsync<SpotPoolFunction, string>(pool))));
        }
        var tokens = new List<DeployedToken>();
        foreach (var token in await session.CallAsync<TokensFunction, List<string>>(registry))
        {
            tokens.Add(new DeployedToken(
                await session.CallAsync<SymbolFunction, string>(token), Checksum(token),
                Checksum(await session.CallAsync<PoolFunction, string>(token)),
                await session.CallAsync<IsLongFunction, bool>(token)));
        }
        return new DeployedProtocol(session.ChainId, registry, oracle, block, pools, tokens);
    }

    private static string Checksum(string address) => new AddressUtil().ConvertToChecksumAddress(address);

    /// <summary>The oracle's key for an underlying: keccak256 of its symbol.</summary>
    public static byte[] AssetKey(string underlying) => Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes(underlying));
}
