#!/usr/bin/env bash
# Starts anvil (state kept in /state), plays HISTORY_DAYS of history once, writes the deployment
# JSON to /state/deployment.json for the indexer, then keeps the market going live.
set -euo pipefail
mkdir -p /state
genesis=()
[[ -s /state/chain.json ]] || genesis=(--timestamp "$(( $(date +%s) - ${HISTORY_DAYS:-90} * 86400 ))")
/chain/node_modules/.bin/anvil --host 0.0.0.0 --port 8545 --chain-id "${CHAIN_ID:-31337}" "${genesis[@]}" \
  --state /state/chain.json --state-interval 30 &
until curl -s -H 'Content-Type: application/json' -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' \
  http://127.0.0.1:8545 >/dev/null 2>&1; do sleep 0.5; done
if [[ ! -s /state/deployment.json ]]; then
  dotnet Simulator.dll simulate --rpc http://127.0.0.1:8545 --days "${HISTORY_DAYS:-90}" --seed "${SEED:-42}" \
    | tail -n 1 >/state/deployment.json
fi
exec dotnet Simulator.dll simulate --rpc http://127.0.0.1:8545 --days 0 --seed "${SEED:-42}" --live
