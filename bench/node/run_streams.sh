#!/usr/bin/env bash
# Builds spacemesh-node and bench_node_streams, then runs the benchmark: one node holding N
# post-service streams (default 1000), PostStates latency from 1 and from 4 callers, node memory.
# Prints the benchmark's JSON line. It does not take the build lock itself; on a shared machine
# run it under the lock so that no build runs while it measures:
#   flock /tmp/sm-build.lock bash bench/node/run_streams.sh [build-dir] [streams]
set -euo pipefail
build=${1:-build} streams=${2:-1000}
cmake --build "$build" --target spacemesh-node bench_node_streams >&2
"$build/bench/node/bench_node_streams" --streams "$streams"
