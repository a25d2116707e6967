namespace LeveragedTokens.Simulator;

/// <summary>
/// When live mode plays each hour, decided once from where the chain stands against the wall clock.
/// Hours whose top has passed play at once (a chain left behind catches up), but no more than
/// <c>maxCatchUpHours</c> of them: older ones are skipped. A chain ahead of the wall clock (left by a
/// fast <c>--hour-seconds</c> run) keeps its lead: its next hour plays at the next top of a real hour.
/// </summary>
/// <param name="FirstHour">The first hour to play (unix hours).</param>
/// <param name="LeadHours">How many hours chain time runs ahead of the wall clock.</param>
/// <param name="SkippedHours">Missed hours beyond the catch-up limit, left out of the chain.</param>
public sealed record LiveSchedule(long FirstHour, long LeadHours, long SkippedHours)
{
    /// <summary>Two weeks of hours play in about 10 s; a longer pause is not worth the wait.</summary>
    public const int DefaultMaxCatchUpHours = 14 * 24;

    public static LiveSchedule Plan(long nextChainHour, DateTimeOffset now, int maxCatchUpHours)
    {
        var wallHour = now.ToUnixTimeSeconds() / 3600;
        if (nextChainHour > wallHour + 1) return new(nextChainHour, nextChainHour - wallHour - 1, 0);
        var missed = wallHour + 1 - nextChainHour; // hours whose top has passed, the current one included
        var skipped = Math.Max(0, missed - maxCatchUpHours);
        return new(nextChainHour + skipped, 0, skipped);
    }

    /// <summary>The wall-clock moment <paramref name="hour"/> is due: the top of its real hour.</summary>
    public DateTimeOffset DueAt(long hour) => DateTimeOffset.FromUnixTimeSeconds((hour - LeadHours) * 3600);

    /// <summary>One line for the log when the chain does not simply continue at the wall clock; null otherwise.</summary>
    public string? Describe()
    {
        if (SkippedHours > 0)
            return $"skipping {SkippedHours} missed hours ({Hour(FirstHour - SkippedHours)} to {Hour(FirstHour - 1)}): " +
                   "past the catch-up limit, only the latest hours are played";
        return LeadHours > 0
            ? $"chain time runs {LeadHours} h ahead of the wall clock (an earlier --hour-seconds run): " +
              "each hour plays at the top of a real hour, keeping that lead"
            : null;
    }

    private static string Hour(long hour) =>
        DateTimeOffset.FromUnixTimeSeconds(hour * 3600).ToString("u", System.Globalization.CultureInfo.InvariantCulture);
}
