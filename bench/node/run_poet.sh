#!/usr/bin/env bash
# Builds bench_poet and runs it `runs` times (default 3) on one core, one JSON line each, then
# `openssl speed -seconds 2 sha256` on the same core as a reference: its 64-byte column as a JSON
# line (kB/s as openssl prints it, and hashes/s). Take the medians of the runs. It does not take
# the build lock itself; on a shared machine run it under the lock so that no build runs meanwhile:
#   flock /tmp/sm-build.lock bash bench/node/run_poet.sh [build-dir] [runs]
set -euo pipefail
build=${1:-build} runs=${2:-3}
cmake --build "$build" --target bench_poet >&2
core=$(($(nproc) - 1))
for _ in $(seq "$runs"); do taskset -c "$core" "$build/bench/node/bench_poet"; done
taskset -c "$core" openssl speed -seconds 2 sha256 2>/dev/null |
  awk '$1 == "sha256" { kb = $3; sub(/k$/, "", kb);
        printf "{\"openssl_speed_sha256_64B_kBps\":%s,\"openssl_speed_sha256_64B_per_s\":%.0f}\n", kb, kb * 1000 / 64 }'
