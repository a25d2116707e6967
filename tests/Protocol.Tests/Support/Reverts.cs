namespace LeveragedTokens.Protocol.Tests.Support;

public static class Reverts
{
    /// <summary>Runs an eth_call that must revert with the custom error <typeparamref name="TError"/>.</summary>
    public static async Task<TError> WithAsync<TError>(Func<Task> call) where TError : class, new()
    {
        var revert = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(call);
        Assert.True(revert.IsCustomErrorFor<TError>(), $"expected {typeof(TError).Name}, got data {revert.ExceptionEncodedData}");
        return revert.DecodeError<TError>();
    }
}
