#!/usr/bin/env bash
# Proving throughput through post-service against post-core's prover on the same data, threads
# and nonces, plus the service's peak RSS. The service proves for post-test-node with an
# unreachable k2 (it scans pass after pass); its scan rate is read from GET /status/detail late
# in a pass (bytes read / seconds since the pass started, k2pow excluded, as post-profiler).
# Usage: bench/post-service/run_service_proving.sh [build-dir] [threads] [nonces] [GiB]
set -euo pipefail
build=${1:-build} threads=${2:-1} nonces=${3:-128} gib=${4:-2}
dir=$(mktemp -d) node_out=$(mktemp)
cleanup() { kill "${service:-}" "${node:-}" 2>/dev/null || true; rm -rf "$dir" "$node_out"; }
trap cleanup EXIT

core=$("$build/tools/post-profiler" proving --data-dir "$dir" --data-size "$gib" --duration 15 \
         --threads "$threads" --nonces "$nonces")
"$build/tests/post-service/post-test-node" --poll-ms 500 >"$node_out" &
node=$!
for _ in $(seq 50); do grep -q listening "$node_out" && break; sleep 0.1; done
port=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["listening"])' "$node_out")
op_port=$((20000 + RANDOM % 20000))
"$build/post-service/post-service" --dir "$dir" --address "http://127.0.0.1:$port" \
  --operator-address "127.0.0.1:$op_port" --threads "$threads" --nonces "$nonces" --k1 1 --k2 1048576 \
  --pow-difficulty ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff \
  --randomx-mode light --min-num-units 1 2>/dev/null &
service=$!
best=0
for _ in $(seq 40); do
  sleep 0.5
  detail=$(curl -sf "http://127.0.0.1:$op_port/status/detail" || true)
  [ -n "$detail" ] || continue
  # Keep the latest sample of the longest-running pass: its average covers the most data.
  best=$(python3 -c 'import json,sys
d=json.loads(sys.argv[1]); best=sys.argv[2]
ok=d.get("phase")=="reading" and d.get("mib_per_s") and d.get("percent",0)>50
print(d["mib_per_s"] if ok else best)' "$detail" "$best")
done
rss_kib=$(awk '/VmHWM/ {print $2}' "/proc/$service/status")
core_mib=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["speed_gib_s"]*1024)' "$core")
python3 -c 'import sys
t,n,core,svc,rss=sys.argv[1:]
core=float(core); svc=float(svc)
print("{\"threads\":%s,\"nonces\":%s,\"post_core_mib_s\":%.1f,\"service_mib_s\":%.1f,\"ratio\":%.3f,\"service_peak_rss_mib\":%.0f}" % (t,n,core,svc,svc/core if core else 0,int(rss)/1024))' \
  "$threads" "$nonces" "$core_mib" "$best" "$rss_kib"
