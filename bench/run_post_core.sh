#!/usr/bin/env bash
# Runs the post-core benchmarks on this machine and prints a Markdown section for
# BENCHMARKS.md (figures are medians; see each tool for what it measures).
# Usage: bench/run_post_core.sh [build-dir]
set -euo pipefail
build="${1:-build}"
cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
echo "### post-core on $(nproc) x ${cpu}, $(date -u +%Y-%m-%d)"
echo
echo '```'
for kernel in avx512 avx2 scalar; do
  labels=256; [ "$kernel" = scalar ] && labels=32
  for threads in 1 2; do
    "$build/bench/post-core/bench_labels" --kernel "$kernel" --threads "$threads" --labels "$labels" --runs 5 || true
  done
done
for spec in "1 16" "2 16" "1 128" "1 288"; do
  set -- $spec
  "$build/tools/post-profiler" proving --data-size 0.5 --duration 6 --threads "$1" --nonces "$2"
done
echo "openssl speed -evp aes-128-ecb (1 core, 16 KiB blocks):"
openssl speed -elapsed -seconds 3 -evp aes-128-ecb 2>/dev/null | tail -1
"$build/bench/post-core/bench_verify" --runs 15
"$build/bench/post-core/bench_k2pow" --threads 1 --duration 10
"$build/bench/post-core/bench_k2pow" --threads 2 --duration 10
echo '```'
