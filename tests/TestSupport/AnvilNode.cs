using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace LeveragedTokens.TestSupport;

/// <summary>A real anvil node on a free loopback port, killed on dispose.</summary>
public sealed class AnvilNode : IAsyncDisposable
{
    public const string DefaultPrivateKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private readonly Process _process;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private AnvilNode(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public string RpcUrl => $"http://127.0.0.1:{Port}";

    public static Task<AnvilNode> StartAsync(long chainId = 31337, params string[] extraArgs) => StartOnAsync(FreePort.Next(), chainId, extraArgs);

    /// <summary>On a given port: a node that comes back on the same URL (restarted, or re-pointed to another chain).</summary>
    public static async Task<AnvilNode> StartOnAsync(int port, long chainId, params string[] extraArgs)
    {
        var psi = new ProcessStartInfo(RepoPaths.Anvil)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--host", "127.0.0.1", "--port", port.ToString(), "--chain-id", chainId.ToString(), "--silent" }.Concat(extraArgs))
            psi.ArgumentList.Add(arg);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("anvil did not start: " + RepoPaths.Anvil);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new AnvilNode(process, port);
        await node.WaitUntilReadyAsync();
        return node;
    }

    /// <summary>Sends one raw JSON-RPC call and returns its result (throws on an RPC error).</summary>
    public async Task<JsonElement> CallAsync(string method, params object?[] parameters)
    {
        var response = await Http.PostAsJsonAsync(RpcUrl, new { jsonrpc = "2.0", id = 1, method, @params = parameters });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.TryGetProperty("error", out var error))
            throw new InvalidOperationException($"{method} failed: {error}");
        return body.GetProperty("result").Clone();
    }

    public async Task<long> BlockNumberAsync() =>
        Convert.ToInt64((await CallAsync("eth_blockNumber")).GetString(), 16);

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"anvil exited with code {_process.ExitCode}");
            try
            {
                await BlockNumberAsync();
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
