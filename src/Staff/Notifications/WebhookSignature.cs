using System.Security.Cryptography;
using System.Text;

namespace LeveragedTokens.Staff.Notifications;

/// <summary>X-Signature-256: sha256=&lt;lower-case hex HMAC-SHA256 of the exact body with the endpoint's secret&gt;.</summary>
public static class WebhookSignature
{
    public const string Header = "X-Signature-256";

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(string secret, byte[] body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(header));
}
