using System.Text.Json.Serialization;
using LeveragedTokens.Data;

namespace LeveragedTokens.Staff.Thresholds;

/// <summary>An editable threshold. Defaults are in <see cref="ThresholdDefaults"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ThresholdKey>))]
public enum ThresholdKey
{
    /// <summary>Utilization (bps) at which a pool is "near the floor".</summary>
    NearFloorBps,
    /// <summary>Utilization (bps) at which a pool is below the floor (10000 = at the floor).</summary>
    BelowFloorBps,
    /// <summary>Chain time without a ReserveMetrics / NavSnapshot publication.</summary>
    MissedPublicationMinutes,
    /// <summary>Added to a token's fallback interval before "no rebalance" fires.</summary>
    FallbackGraceMinutes,
    /// <summary>Runway alert when buffer depth covers fewer hours of the recent average draw.</summary>
    RunwayHours,
    /// <summary>Window of the recent average reserve draw: of the runway alert, the reserve page and the API alike.</summary>
    RunwayWindowHours,
    IndexerLagBlocks,
    IndexerLagMinutes,
    /// <summary>How long (chain time) a decode-failure alert stays open after the last failure.</summary>
    DecodeFailureQuietHours,
    /// <summary>
    /// How far (bps) utilization must fall below a floor level before its open alert resolves, so a
    /// pool hovering at the level does not open and resolve an alert every hour.
    /// </summary>
    FloorClearMarginBps,
}

public static class ThresholdDefaults
{
    /// <summary>The scope of the defaults that apply to every pool and token without their own value.</summary>
    public const string GlobalScope = "*";

    public static decimal For(ThresholdKey key) => key switch
    {
        ThresholdKey.NearFloorBps => 8000,
        ThresholdKey.BelowFloorBps => 10000,
        ThresholdKey.MissedPublicationMinutes => 120,
        ThresholdKey.FallbackGraceMinutes => 60,
        ThresholdKey.RunwayHours => 24,
        ThresholdKey.RunwayWindowHours => ReserveRunway.DefaultWindowHours,
        ThresholdKey.IndexerLagBlocks => 100,
        ThresholdKey.IndexerLagMinutes => 10,
        ThresholdKey.DecodeFailureQuietHours => 24,
        ThresholdKey.FloorClearMarginBps => 200,
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };
}
