using LeveragedTokens.Data.Queries;

namespace LeveragedTokens.Dashboard.Web;

/// <summary>When the indexer's feed stops being trustworthy as "live".</summary>
public static class Freshness
{
    public static bool IsStale(IndexerStatus s, DashboardOptions o, DateTime utcNow) =>
        utcNow - DateTime.SpecifyKind(s.UpdatedAt, DateTimeKind.Utc) > TimeSpan.FromSeconds(o.StaleAfterSeconds)
        || s.HeadBlock - s.IndexedBlock > o.StaleLagBlocks;
}
