namespace LeveragedTokens.Data.Copy;

/// <summary>
/// For a transaction whose loss a crash may cost (e.g. finalized rows stored with their checkpoint): commits return
/// without waiting for the WAL flush. Postgres replays commits in order, so a crash loses a suffix of them, never a part.
/// </summary>
public static class AsynchronousCommit
{
    public const string ForThisTransaction = "SET LOCAL synchronous_commit = off";
}
