using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Contracts.CQS;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace LeveragedTokens.Protocol.Chain;

/// <summary>
/// One signing account on an anvil node. Every transaction gets an explicit block timestamp,
/// nonce, gas limit and gas price, so a replay on a fresh node mines the same blocks and logs,
/// and no transaction waits on gas estimation (automine: one block per transaction).
/// </summary>
public sealed class ChainSession
{
    /// <summary>Anvil's funded account 0: the default operator and keeper.</summary>
    public const string AnvilAccount0Key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static readonly HexBigInteger GasLimit = new(15_000_000);

    private readonly HexBigInteger _gasPrice;
    private BigInteger _nonce;

    private ChainSession(Web3 web3, string address, long chainId, BigInteger nonce, ulong lastTimestamp, HexBigInteger gasPrice)
    {
        Web3 = web3;
        Address = address;
        ChainId = chainId;
        _nonce = nonce;
        LastTimestamp = lastTimestamp;
        _gasPrice = gasPrice;
    }

    public Web3 Web3 { get; }
    public string Address { get; }
    public long ChainId { get; }
    /// <summary>Timestamp of the newest block this session knows of.</summary>
    public ulong LastTimestamp { get; private set; }

    public static async Task<ChainSession> ConnectAsync(string rpcUrl, string privateKey = AnvilAccount0Key)
    {
        var probe = new Web3(rpcUrl);
        var chainId = (long)(await probe.Eth.ChainId.SendRequestAsync()).Value;
        var account = new Account(privateKey, chainId);
        account.TransactionManager.UseLegacyAsDefault = true;
        var web3 = new Web3(account, rpcUrl);
        // Twice the node's price, at least 2 gwei: base fees only fall under our light blocks.
        var nodePrice = (await web3.Eth.GasPrice.SendRequestAsync()).Value;
        var gasPrice = new HexBigInteger(BigInteger.Max(nodePrice * 2, 2_000_000_000));
        var session = new ChainSession(web3, account.Address, chainId, 0, 0, gasPrice);
        await session.ResyncAsync();
        return session;
    }

    /// <summary>
    /// Reads the account's nonce and the newest block again (after a failure a transaction may have
    /// been mined unseen) and sets the node's clock to that block's time. Anvil restarts its
    /// clock at the wall clock when it loads a saved chain, and then refuses to mine the missed hours at
    /// their own times ("lower than previous block's timestamp"); from the chain's own time it accepts them.
    /// </summary>
    /// <exception cref="InvalidOperationException">Our transactions are still pending: sending more could mine an hour twice.</exception>
    public async Task ResyncAsync()
    {
        var mined = (await Web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(Address, BlockParameter.CreateLatest())).Value;
        var sent = (await Web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(Address, BlockParameter.CreatePending())).Value;
        if (sent > mined) throw new InvalidOperationException($"{sent - mined} transaction(s) of {Address} still pending on the node");
        _nonce = mined;
        var latest = await Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
        LastTimestamp = (ulong)latest.Timestamp.Value;
        await Web3.Client.SendRequestAsync<object>(new RpcRequest(1, "evm_setTime", LastTimestamp));
    }

    /// <summary>Sends a call to <paramref name="contract"/> mined at or after <paramref name="notBefore"/>.</summary>
    public async Task<TransactionReceipt> SendAsync<TFunction>(string contract, TFunction function, ulong notBefore = 0)
        where TFunction : FunctionMessage, new()
    {
        Prepare(function);
        await SetNextTimestampAsync(notBefore);
        var hash = await Web3.Eth.GetContractTransactionHandler<TFunction>().SendRequestAsync(contract, function);
        var receipt = await ReceiptAsync(hash);
        if (receipt.Status.Value == 1) return receipt;
        throw new InvalidOperationException(
            $"{typeof(TFunction).Name} to {contract} reverted in {hash}: {await RevertReasonAsync(contract, function, receipt)}");
    }

    /// <summary>Deploys a contract and returns its address.</summary>
    public async Task<string> DeployAsync<TDeployment>(TDeployment deployment, ulong notBefore = 0)
        where TDeployment : ContractDeploymentMessage, new()
    {
        Prepare(deployment);
        await SetNextTimestampAsync(notBefore);
        var hash = await Web3.Eth.GetContractDeploymentHandler<TDeployment>().SendRequestAsync(deployment);
        var receipt = await ReceiptAsync(hash);
        if (receipt.Status.Value != 1) throw new InvalidOperationException($"{typeof(TDeployment).Name} reverted in {hash}");
        return receipt.ContractAddress;
    }

    public Task<TOutput> CallAsync<TFunction, TOutput>(string contract, TFunction function)
        where TFunction : FunctionMessage, new()
    {
        function.FromAddress ??= Address;
        return Web3.Eth.GetContractQueryHandler<TFunction>().QueryAsync<TOutput>(contract, function);
    }

    public Task<TOutput> CallAsync<TFunction, TOutput>(string contract)
        where TFunction : FunctionMessage, new() => CallAsync<TFunction, TOutput>(contract, new TFunction());

    private void Prepare(ContractMessageBase message)
    {
        message.FromAddress = Address;
        message.Nonce = new HexBigInteger(_nonce++);
        message.Gas = GasLimit;
        message.GasPrice = _gasPrice;
    }

    private async Task SetNextTimestampAsync(ulong notBefore)
    {
        var next = Math.Max(LastTimestamp + 1, notBefore);
        await Web3.Client.SendRequestAsync<object>(new RpcRequest(1, "evm_setNextBlockTimestamp", next));
        LastTimestamp = next;
    }

    /// <summary>Replays a failed call on the state before its block to recover the revert data.</summary>
    private async Task<string> RevertReasonAsync<TFunction>(string contract, TFunction function, TransactionReceipt receipt)
        where TFunction : FunctionMessage, new()
    {
        try
        {
            var before = new BlockParameter(new HexBigInteger(receipt.BlockNumber.Value - 1));
            await Web3.Eth.GetContractQueryHandler<TFunction>().QueryRawAsync(contract, function, before);
            return "the replay did not revert";
        }
        catch (SmartContractCustomErrorRevertException e)
        {
            return $"custom error {e.ExceptionEncodedData}";
        }
        catch (Nethereum.JsonRpc.Client.RpcResponseException e)
        {
            return e.Message;
        }
    }

    private async Task<TransactionReceipt> ReceiptAsync(string hash)
    {
        var receipt = await Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash);
        for (var attempt = 0; receipt is null && attempt < 200; attempt++)
        {
            await Task.Delay(10);
            receipt = await Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash);
        }
        return receipt ?? throw new InvalidOperationException($"no receipt for {hash}; is automine off?");
    }
}
