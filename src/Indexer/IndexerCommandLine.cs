namespace LeveragedTokens.Indexer;

/// <summary>The indexer's one flag: a bare `--until-head` means Indexer:UntilHead=true.</summary>
public static class IndexerCommandLine
{
    public static string[] Normalize(string[] args) =>
        [.. args.Select(a => a == "--until-head" ? "--Indexer:UntilHead=true" : a)];
}
