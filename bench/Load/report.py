"""Tables and verdicts of bench/Load/run.sh: wrk results (label|target|connections|peak PG clients|server 5xx|stats.lua JSON per
line) and the freshness bench's JSON. Goals (issue 16): / at 200 connections >= 1,000 requests/s with p99 < 250 ms;
a new rebalance visible on an open page < 1 s after the indexer commits."""
import json, statistics, sys

results_path, freshness_path = sys.argv[1], sys.argv[2]
print("| target | connections | requests/s | p50 ms | p99 ms | requests | 2xx | 4xx | 5xx | socket errors | Postgres clients (peak) | server 5xx |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
overview = None
for line in open(results_path):
    label, target, c, peak, server5xx, raw = line.rstrip("\n").split("|", 5)
    r = json.loads(raw)
    errors = r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"]
    print(f"| `{target}`{label} | {c} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['requests']} | {r['s2xx']} | {r['s4xx']} | {r['s5xx']} | {errors} | {peak} | {server5xx} |")
    if target == "/" and c == "200" and label == "":
        overview = r

def verdict(ok):
    return "**met**" if ok else "**not met**"

print()
if overview:
    print(f"Goal for `/` at 200 connections: >= 1,000 requests/s: {overview['rps']:.0f}, {verdict(overview['rps'] >= 1000)}; "
          f"p99 < 250 ms: {overview['p99_ms']:.1f} ms, {verdict(overview['p99_ms'] < 250)}; "
          f"5xx {overview['s5xx']}.")

rounds = json.load(open(freshness_path))["rounds"] if freshness_path else []
print()
print("New rebalance mined -> visible on an open page (`bench/Freshness.Bench`: the overview open in Chromium, the simulator's")
print("`shock` mines a tick that rebalances BTC3L, the indexer follows anvil with its production poll interval of 2 s; times on")
print("one clock: the block first seen by polling the node every 10 ms, the indexer's commit as its NOTIFY heard by a listener,")
print("the rebalance's link appearing in the page's DOM by a MutationObserver):")
print()
print("| round | block | mined -> indexer commit ms | indexer commit -> DOM ms | mined -> DOM ms |")
print("| ---: | ---: | ---: | ---: | ---: |")
for i, r in enumerate(rounds, 1):
    cells = [r.get(k) for k in ("minedToCommitMs", "commitToDomMs", "minedToDomMs")]
    print(f"| {i} | {r['block']} | " + " | ".join("-" if v is None else str(v) for v in cells) + " |")
commit_to_dom = [r["commitToDomMs"] for r in rounds if r.get("commitToDomMs") is not None]
mined_to_dom = [r["minedToDomMs"] for r in rounds if r.get("minedToDomMs") is not None]
print()
if commit_to_dom and len(commit_to_dom) == len(rounds):
    print(f"Indexer commit -> DOM: median {statistics.median(commit_to_dom):.0f} ms, max {max(commit_to_dom)} ms; "
          f"goal < 1 s after the indexer commits: {verdict(max(commit_to_dom) < 1000)}. "
          f"Mined -> DOM: median {statistics.median(mined_to_dom):.0f} ms, max {max(mined_to_dom)} ms (mostly the indexer's poll interval).")
else:
    print(f"Freshness: {len(commit_to_dom)} of {len(rounds)} rounds measured: goal **not shown**.")
