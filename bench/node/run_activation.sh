#!/usr/bin/env bash
# Builds spacemesh-node and bench_activation, then runs the benchmark: one node with N identities
# (default 1000) through the activation cycle, its post-services played by the benchmark with real
# proofs. Keeps the node's log (default /tmp/bench_activation-<N>.log, its path in the JSON) and
# prints the benchmark's JSON line. Extra arguments go to bench_activation. It does not take the
# build lock itself; on a shared machine run it under the lock so that no build runs meanwhile:
#   flock /tmp/sm-build.lock bash bench/node/run_activation.sh [build-dir] [identities] [flags...]
set -euo pipefail
build=${1:-build} identities=${2:-1000}
shift $(($# < 2 ? $# : 2))
log=${NODE_LOG:-/tmp/bench_activation-$identities.log}
cmake --build "$build" --target spacemesh-node bench_activation >&2
"$build/bench/node/bench_activation" --identities "$identities" --node-log "$log" "$@"
