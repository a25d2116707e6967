namespace LeveragedTokens.Staff.Tests.Support;

/// <summary>
/// Hosts that configure Hangfire (the web host, test hosts with a server) run one after another:
/// Hangfire keeps its log provider in a static, pointed at the latest host's logger factory, and a
/// host disposed by a parallel test would leave the others logging into a disposed factory.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HangfireHostsCollection
{
    public const string Name = "hangfire hosts";
}
