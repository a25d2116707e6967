using System.ComponentModel.DataAnnotations;

namespace LeveragedTokens.Staff;

/// <summary>Section "Staff". Secrets come from the environment (Staff__BootstrapAdmin__Password, Staff__Webhooks__0__Secret).</summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    /// <summary>Where alert notifications are posted.</summary>
    public List<WebhookEndpointOptions> Webhooks { get; set; } = [];

    /// <summary>Base of the links in notifications (e.g. https://dashboard.example); relative links when empty.</summary>
    public string? PublicBaseUrl { get; set; }

    [Range(1, 1000)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;
}

public sealed class BootstrapAdminOptions
{
    [EmailAddress]
    public string? Email { get; set; }
    public string? Password { get; set; }
}

public sealed class WebhookEndpointOptions
{
    [Required]
    public string Name { get; set; } = "";
    [Required, Url]
    public string Url { get; set; } = "";
    /// <summary>HMAC-SHA256 key of the X-Signature-256 header.</summary>
    [Required]
    public string Secret { get; set; } = "";
    public Alerts.AlertSeverity MinSeverity { get; set; } = Alerts.AlertSeverity.Warning;
    /// <summary>Also post when an alert resolves.</summary>
    public bool NotifyResolved { get; set; } = true;
}
