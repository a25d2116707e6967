using System.Globalization;

namespace LeveragedTokens.Operations.Tests.Support;

/// <summary>
/// nginx (Debian package) in front of several web instances, sticky on the app's affinity cookie,
/// WebSockets passed through: the proxy layout of docs/operations.md. X-Upstream tells a test
/// which instance answered.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private readonly string _dir;
    private readonly ChildProcess _process;

    private NginxProxy(string dir, ChildProcess process, int port)
    {
        _dir = dir;
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static string Binary => new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("nginx not found: install it (Debian: apt-get install nginx-light)");

    public static async Task<NginxProxy> StartAsync(IEnumerable<Uri> backends)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-nginx-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        // Workers drop to an unprivileged user when nginx starts as root: they need to write their temp folders.
        foreach (var sub in new[] { "body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            Directory.CreateDirectory(Path.Combine(dir, sub));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(dir, sub), (UnixFileMode)0b111_111_111);
        }
        var port = FreePort.Next();
        var servers = string.Concat(backends.Select(b => $"    server {b.Host}:{b.Port.ToString(CultureInfo.InvariantCulture)};\n"));
        var template = File.ReadAllText(Path.Combine(RepoPaths.Root, "bench", "Load", "nginx.conf.template"));
        var config = template.Replace("{{DIR}}", dir).Replace("{{PORT}}", port.ToString(CultureInfo.InvariantCulture)).Replace("{{SERVERS}}", servers);
        var configFile = Path.Combine(dir, "nginx.conf");
        File.WriteAllText(configFile, config);
        var process = ChildProcess.Start(Binary, ["-p", dir, "-c", configFile, "-e", Path.Combine(dir, "error.log")]);
        var proxy = new NginxProxy(dir, process, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try { (await http.GetAsync(proxy.BaseUrl + "/healthz")).EnsureSuccessStatusCode(); return proxy; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                if (process.HasExited) throw new InvalidOperationException("nginx exited: " + process.Output);
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(signal: 3); // SIGQUIT: graceful stop
        await _process.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
