using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using LeveragedTokens.Staff.Notifications;

namespace LeveragedTokens.TestSupport;

/// <summary>A webhook endpoint on loopback that records every POST and answers with the next queued status (200 when none).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "test-webhook-secret";

    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<HttpStatusCode> _answers = new();

    public WebhookReceiver()
    {
        Url = $"http://127.0.0.1:{FreePort.Next()}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }
    public ConcurrentQueue<Received> Requests { get; } = new();

    public sealed record Received(byte[] Body, string? Signature, string? ContentType)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
        public bool SignatureValid => WebhookSignature.Verify(Secret, Body, Signature);
    }

    public void AnswerNext(params HttpStatusCode[] statuses)
    {
        foreach (var s in statuses) _answers.Enqueue(s);
    }

    public IDictionary<string, string?> Settings(string name = "test", string minSeverity = "Info") => new Dictionary<string, string?>
    {
        ["Staff:Webhooks:0:Name"] = name,
        ["Staff:Webhooks:0:Url"] = Url,
        ["Staff:Webhooks:0:Secret"] = Secret,
        ["Staff:Webhooks:0:MinSeverity"] = minSeverity,
    };

    public async Task<IReadOnlyList<Received>> WaitForAsync(Func<IReadOnlyCollection<Received>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done(Requests) && DateTime.UtcNow < deadline) await Task.Delay(100);
        return [.. Requests];
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) when (!_listener.IsListening) { return; }
            catch (HttpListenerException) { return; }
            using var body = new MemoryStream();
            await ctx.Request.InputStream.CopyToAsync(body);
            Requests.Enqueue(new Received(body.ToArray(), ctx.Request.Headers[WebhookSignature.Header], ctx.Request.ContentType));
            ctx.Response.StatusCode = (int)(_answers.TryDequeue(out var status) ? status : HttpStatusCode.OK);
            ctx.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ContinueWith(_ => { });
    }
}
