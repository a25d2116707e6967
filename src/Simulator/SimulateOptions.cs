using LeveragedTokens.Protocol.Chain;

namespace LeveragedTokens.Simulator;

/// <summary>Command line of the verbs:
/// <c>simulate --rpc URL --days N --seed S [--live] [--hour-seconds N] [--max-catch-up-hours N] [--private-key 0x..]</c>,
/// <c>deploy --rpc URL [--private-key 0x..]</c> and <c>shock --rpc URL --shocks BTC:-30,ETH:+10 [--private-key 0x..]</c>.</summary>
/// <param name="HourSeconds">
/// Live mode's cadence: one simulated hour every this many seconds (demos, tests); null follows the wall
/// clock, so chain time stays real time.
/// </param>
/// <param name="MaxCatchUpHours">Live mode on the wall clock plays at most this many missed hours; older ones are skipped.</param>
/// <param name="Shocks">The shock verb's instant moves in percent per underlying, the stress API's syntax (BTC:-30,ETH:+10).</param>
public sealed record SimulateOptions(string Verb, string RpcUrl, int Days, int Seed, bool Live, double? HourSeconds, string PrivateKey, int MaxCatchUpHours,
    string? Shocks = null)
{
    public const string Usage =
        "usage: simulate --rpc <url> --days <n> --seed <n> [--live] [--hour-seconds <s>] [--max-catch-up-hours <n>] [--private-key <0x..>]\n" +
        "       deploy --rpc <url> [--private-key <0x..>]\n" +
        "       shock --rpc <url> --shocks <BTC:-30,ETH:+10> [--private-key <0x..>]";

    public static SimulateOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is not ("simulate" or "deploy" or "shock")) throw new ArgumentException(Usage);
        var values = new Dictionary<string, string>();
        var live = false;
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] == "--live") live = true;
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Count) values[args[i]] = args[++i];
            else throw new ArgumentException($"unexpected argument '{args[i]}'\n{Usage}");
        }
        return new SimulateOptions(
            args[0],
            values.GetValueOrDefault("--rpc") ?? throw new ArgumentException($"--rpc is required\n{Usage}"),
            int.Parse(values.GetValueOrDefault("--days", "90"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(values.GetValueOrDefault("--seed", "1"), System.Globalization.CultureInfo.InvariantCulture),
            live,
            values.TryGetValue("--hour-seconds", out var hourSeconds) ? double.Parse(hourSeconds, System.Globalization.CultureInfo.InvariantCulture) : null,
            values.GetValueOrDefault("--private-key", ChainSession.AnvilAccount0Key),
            values.TryGetValue("--max-catch-up-hours", out var catchUp)
                ? int.Parse(catchUp, System.Globalization.CultureInfo.InvariantCulture)
                : LiveSchedule.DefaultMaxCatchUpHours,
            args[0] == "shock" ? values.GetValueOrDefault("--shocks") ?? throw new ArgumentException($"--shocks is required\n{Usage}") : null);
    }
}
