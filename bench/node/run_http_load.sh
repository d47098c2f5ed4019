#!/usr/bin/env bash
# Builds the node, post-service and bench_http_load, then prints the benchmark's JSON line: how
# post-service's GET /status and the node's GET /metrics answer under two slow connections, 300
# idle ones, 1,000 concurrent requests and a 400 MiB body, beside cpp-httplib as before.
# Usage: bench/node/run_http_load.sh [build-dir] [flags for bench_http_load...]
set -euo pipefail
build=${1:-build}
shift $(($# < 1 ? $# : 1))
cmake --build "$build" --target spacemesh-node post-service bench_http_load >&2
"$build/bench/node/bench_http_load" "$@"
