namespace LeveragedTokens.Chain;

/// <summary>RPC URLs often carry an API key in the path or query: logs show only scheme, host and port.</summary>
public static class RpcLogText
{
    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Host}:{uri.Port}" : "(invalid url)";
}
