#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running stack on the embedded default:
# installs the packages, builds, and runs a standalone network under ./run-data: one
# spacemesh-node and STACK_SERVICES post-services (default 2), each on its own small PoS data
# directory made by postcli. Ctrl-C stops everything; running it again resumes where it was.
# Extra arguments go to spacemesh-node.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh

bin=build
services="${STACK_SERVICES:-2}"
data="${STACK_DATA:-run-data}"
node_dir="$data/node"
mkdir -p "$node_dir/identities"
chmod 700 "$data" "$node_dir" "$node_dir/identities"

# Standalone PoST parameters (the node's standalone preset): scrypt N=16, 1024 labels per unit.
labels_per_unit=1024 scrypt_n=16 k1=12 k2=20
pow_difficulty=ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff

# The network starts now, unless this folder already has one: the golden ATX (the commitment
# ATX of every identity here) is BLAKE3(unix genesis seconds || extra data).
if [ -f "$node_dir/genesis.json" ]; then
  genesis=$(sed -n 's/.*"genesis-time": *"\([^"]*\)".*/\1/p' "$node_dir/genesis.json")
else
  genesis=$(date -u +%Y-%m-%dT%H:%M:%SZ)
fi
golden_atx=$(printf '%s%s' "$(date -u -d "$genesis" +%s)" standalone | b3sum --no-names)

# One PoS directory per service; postcli creates its identity key, which moves to the node.
for i in $(seq 1 "$services"); do
  pos="$data/post$i"
  echo "initializing $pos (1 unit of $labels_per_unit labels, scrypt N=$scrypt_n; resumes if partly done)"
  "$bin/tools/postcli" -provider 4294967295 -numUnits 1 -labelsPerUnit "$labels_per_unit" \
    -scryptN "$scrypt_n" -commitmentAtxId "$golden_atx" -datadir "$pos" -yes >/dev/null
  if [ -f "$pos/identity.key" ]; then
    if [ -e "$node_dir/identities/post$i.key" ]; then
      echo "both $pos/identity.key and $node_dir/identities/post$i.key exist; keeping both, resolve by hand" >&2
      exit 1
    fi
    mv "$pos/identity.key" "$node_dir/identities/post$i.key"
  fi
done

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

rm -f "$node_dir/api.json"
"$bin/node/spacemesh-node" --data-folder "$node_dir" --genesis-time "$genesis" "$@" &
pids+=($!)
for _ in $(seq 1 100); do
  [ -f "$node_dir/api.json" ] && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "spacemesh-node did not start" >&2; exit 1; }
  sleep 0.1
done
post_address=$(sed -n 's/.*"post": *"\([^"]*\)".*/\1/p' "$node_dir/api.json")

for i in $(seq 1 "$services"); do
  "$bin/post-service/post-service" --address "http://$post_address" --dir "$data/post$i" \
    --min-num-units 1 --max-num-units 32 --k1 "$k1" --k2 "$k2" --pow-difficulty "$pow_difficulty" \
    -n "$scrypt_n" --threads 1 --nonces 16 --randomx-mode light \
    --operator-address "127.0.0.1:$((10150 + i))" --watch-pid "${pids[0]}" 2> >(sed -u "s/^/[post$i] /" >&2) &
  pids+=($!)
done
echo "stack running: node API $(tr -d '\n ' < "$node_dir/api.json"); post-service operator APIs on" \
     "127.0.0.1:10151..$((10150 + services)) (GET /status). Ctrl-C stops it."
wait "${pids[0]}"
