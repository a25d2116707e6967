using LeveragedTokens.Protocol.Chain;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.RPC.Eth.DTOs;

namespace LeveragedTokens.Protocol.Tests.Support;

/// <summary>A real anvil with the keeper's session on it: deploy a spec, play hours, read logs.</summary>
public sealed class ProtocolHarness(AnvilNode node, ChainSession session) : IAsyncDisposable
{
    public AnvilNode Node { get; } = node;
    public ChainSession Session { get; } = session;

    public static async Task<ProtocolHarness> StartAsync(params string[] anvilArgs)
    {
        var node = await AnvilNode.StartAsync(31337, anvilArgs);
        return new ProtocolHarness(node, await ChainSession.ConnectAsync(node.RpcUrl));
    }

    public Task<DeployedProtocol> DeployAsync(ProtocolSpec spec) => ProtocolDeployer.DeployAsync(Session, spec);

    /// <summary>The next hour's keeper tick; prices in quote units, in the registry's pool order.</summary>
    public Task<TransactionReceipt> TickAsync(
        DeployedProtocol protocol, IEnumerable<decimal> prices, IEnumerable<Flow>? flows = null,
        IEnumerable<Injection>? injections = null, bool allocateFees = false, BigInteger gasPriceWei = default) =>
        Session.SendAsync(protocol.Registry, new TickFunction
        {
            Prices = prices.Select(Wad.From).ToList(),
            GasPriceWei = gasPriceWei,
            Flows = flows?.ToList() ?? [],
            Injections = injections?.ToList() ?? [],
            AllocateFees = allocateFees,
        }, NextHourStart);

    public ulong NextHourStart => (Session.LastTimestamp / 3600 + 1) * 3600;

    public static Flow Mint(DeployedToken token, decimal quote, string account = "0x00000000000000000000000000000000000000aa") =>
        new() { Token = token.Address, Account = account, Amount = Wad.From(quote), IsMint = true };

    public static Injection Inject(DeployedPool pool, decimal underlying) =>
        new() { Pool = pool.Address, From = "0x00000000000000000000000000000000000000bb", Amount = Wad.From(underlying) };

    /// <summary>Every log of one event from one address, in chain order.</summary>
    public async Task<List<EventLog<T>>> LogsAsync<T>(string address) where T : IEventDTO, new()
    {
        var handler = Session.Web3.Eth.GetEvent<T>(address);
        var logs = await handler.GetAllChangesAsync(handler.CreateFilterInput(BlockParameter.CreateEarliest(), BlockParameter.CreateLatest()));
        return logs.OrderBy(l => l.Log.BlockNumber.Value).ThenBy(l => l.Log.LogIndex.Value).ToList();
    }

    public Task<TOut> ReadAsync<TFunction, TOut>(string contract) where TFunction : FunctionMessage, new() =>
        Session.CallAsync<TFunction, TOut>(contract);

    public ValueTask DisposeAsync() => Node.DisposeAsync();
}
