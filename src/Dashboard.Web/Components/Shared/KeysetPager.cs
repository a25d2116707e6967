using LeveragedTokens.Data.Queries;

namespace LeveragedTokens.Dashboard.Web.Components.Shared;

/// <summary>
/// Walks a keyset-paged list page by page: the cursor each visited page started from (the last is the current
/// page) and the cursor of the next. "Previous" goes back through the visited starts, so no OFFSET is ever needed.
/// </summary>
public sealed class KeysetPager
{
    private readonly List<RebalanceCursor?> _starts = [null];

    public RebalanceCursor? Current => _starts[^1];
    public RebalanceCursor? Next { get; set; }
    public int Page => _starts.Count;
    public bool HasPrevious => _starts.Count > 1;

    public void Reset()
    {
        _starts.Clear();
        _starts.Add(null);
    }

    public bool Forward()
    {
        if (Next is null) return false;
        _starts.Add(Next);
        return true;
    }

    public bool Back()
    {
        if (!HasPrevious) return false;
        _starts.RemoveAt(_starts.Count - 1);
        return true;
    }
}
