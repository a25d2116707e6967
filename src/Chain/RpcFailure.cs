using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Polly.Timeout;

namespace LeveragedTokens.Chain;

public enum RpcFailureKind
{
    /// <summary>The request asked for too much (results, block span, bytes): split it.</summary>
    RangeTooLarge,
    /// <summary>The node asks us to slow down (HTTP 429, -32005): back off, same request.</summary>
    RateLimited,
    /// <summary>Anything else that may pass on retry: timeouts, 5xx, broken JSON, resets.</summary>
    Transient,
}

/// <summary>
/// What went wrong with a call, the block span the provider suggests if it named one, and the size
/// of an answer refused as too big when the node declared it.
/// </summary>
public sealed record RpcFailure(RpcFailureKind Kind, string Message, long? SuggestedSpan, long? AnswerBytes = null)
{
    private const string TimeoutMessage = "timeout";

    /// <summary>The attempt ran out of time (the node hung or answered too slowly).</summary>
    public bool IsTimeout => Message == TimeoutMessage;

    // Providers word "too much" differently (geth, Infura, Alchemy, QuickNode, Erigon, anvil).
    private static readonly Regex TooLarge = new(
        "more than|too many|too large|too big|range|exceed|response size|limit.*results|max.*results|query timeout|timeout exceeded",
        RegexOptions.IgnoreCase | RegexOptions.Compiled);
    private static readonly Regex RateLimit = new("rate.?limit|too many requests|request limit|capacity|throttl",
        RegexOptions.IgnoreCase | RegexOptions.Compiled);
    private static readonly Regex HexPair = new(@"\[\s*(0x[0-9a-fA-F]+)\s*,\s*(0x[0-9a-fA-F]+)\s*\]", RegexOptions.Compiled);
    private static readonly Regex SpanWords = new(@"(\d[\d,]*)\s*(k?)\s*(?:-?\s*)block(?:s)?(?: range)?|range (?:of |is )?(?:limited to |limit )?(?:a )?(\d[\d,]*)",
        RegexOptions.IgnoreCase | RegexOptions.Compiled);

    public static RpcFailure Classify(Exception exception)
    {
        switch (exception)
        {
            case RpcCallFailedException failed:
                return failed.Failure;
            case JsonRpcErrorException rpc:
                var message = $"{rpc.Code}: {rpc.RpcMessage} {rpc.ErrorData}".Trim();
                var text = rpc.RpcMessage + " " + rpc.ErrorData;
                if (RateLimit.IsMatch(text) || (rpc.Code == -32005 && !TooLarge.IsMatch(text)))
                    return new(RpcFailureKind.RateLimited, message, null);
                if (TooLarge.IsMatch(text)) return new(RpcFailureKind.RangeTooLarge, message, SuggestedSpanFrom(text));
                return new(RpcFailureKind.Transient, message, null);
            case RpcAnswerTooLargeException tooLarge:
                return new(RpcFailureKind.RangeTooLarge, tooLarge.Message, null, tooLarge.AnswerBytes);
            case RpcAnswerException answer:
                return new(RpcFailureKind.Transient, answer.Message, null);
            case TimeoutRejectedException or TaskCanceledException or TimeoutException:
                return new(RpcFailureKind.Transient, TimeoutMessage, null);
        }
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests })
                return new(RpcFailureKind.RateLimited, "HTTP 429", null);
            if (inner is HttpRequestException { StatusCode: HttpStatusCode.RequestEntityTooLarge })
                return new(RpcFailureKind.RangeTooLarge, "HTTP 413", null);
        }
        return new(RpcFailureKind.Transient, Flatten(exception), null);
    }

    /// <summary>Alchemy names a working range "[0x0, 0x4b7]", Infura {from,to}, others "10,000 block range".</summary>
    public static long? SuggestedSpanFrom(string text)
    {
        var pair = HexPair.Match(text);
        if (pair.Success) return Math.Max(1, Hex.ToLong(pair.Groups[2].Value) - Hex.ToLong(pair.Groups[1].Value) + 1);
        var from = Regex.Match(text, "\"from\"\\s*:\\s*\"(0x[0-9a-fA-F]+)\"");
        var to = Regex.Match(text, "\"to\"\\s*:\\s*\"(0x[0-9a-fA-F]+)\"");
        if (from.Success && to.Success) return Math.Max(1, Hex.ToLong(to.Groups[1].Value) - Hex.ToLong(from.Groups[1].Value) + 1);
        var words = SpanWords.Match(text);
        if (!words.Success) return null;
        var digits = (words.Groups[1].Success && words.Groups[1].Length > 0 ? words.Groups[1].Value : words.Groups[3].Value).Replace(",", "");
        if (!long.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n <= 0) return null;
        return words.Groups[2].Value.Equals("k", StringComparison.OrdinalIgnoreCase) ? n * 1000 : n;
    }

    private static string Flatten(Exception e)
    {
        var parts = new List<string>();
        for (var x = e; x is not null; x = x.InnerException) parts.Add(x.GetType().Name + ": " + x.Message);
        return string.Join(" -> ", parts);
    }
}
