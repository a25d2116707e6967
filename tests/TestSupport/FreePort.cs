using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace LeveragedTokens.TestSupport;

/// <summary>
/// A loopback port for a server a test starts (anvil, a web host, a proxy). Ports come from below the
/// kernel's ephemeral range (32768+): a port there, even one the kernel just handed out, can be taken by
/// any outgoing connection before the server binds it, and the bind then fails with "address in use".
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Last = 32000;
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    public static int Next()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            if (HandedOut.TryAdd(port, 0) && IsFree(port)) return port;
        }
        throw new InvalidOperationException($"no free loopback port between {First} and {Last}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
