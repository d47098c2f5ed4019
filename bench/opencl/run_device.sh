#!/usr/bin/env bash
# OpenCL label throughput on the GPU machine. Builds sm_opencl + bench_opencl_init standalone
# (cmake, g++ and the OpenCL loader only), then runs each variant in its own process: a check
# against reference labels at N = 8192 and a timed run, one JSON line per variant (copied to
# $OUT/bench_opencl.jsonl when $OUT is set). From the repository root:
#   bash bench/opencl/run_device.sh --prepare   # here: copy CL headers to bench/opencl/cl-include
#   bash bench/opencl/run_device.sh [VARIANT...] # on the device; default: the sweep below
# Variant syntax: see bench/opencl/variant.h. SM_SECONDS (default 3) sets the timed part,
# SM_TIMEOUT (default 60) the limit per variant; a kernel that times out is not run again.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HEADERS=$ROOT/bench/opencl/cl-include

if [ "${1:-}" = "--prepare" ]; then
  mkdir -p "$HEADERS" && cp -r /usr/include/CL "$HEADERS/" && echo "copied CL headers to $HEADERS"
  exit 0
fi

VARIANTS=("$@")
if [ ${#VARIANTS[@]} -eq 0 ]; then
  VARIANTS=(
    kernel=lane1,lg=1
    kernel=lane4-shuffle,lg=1
    kernel=lane4-shuffle,lg=1,opts=-cl-nv-maxrregcount=32
    kernel=lane4-shuffle,lg=1,per_cu=384
    kernel=lane1,lg=2
    kernel=lane4-shuffle,lg=2
    kernel=lane1,lg=1,opts=-DSM_NV_FUNNEL
    kernel=lane4-shuffle,lg=1,opts=-DSM_NV_FUNNEL
    kernel=lane1,lg=1,per_cu=384
    kernel=lane1,lg=1,wg=128
    kernel=lane4-shuffle,lg=1,per_cu=576,mem=0.97
    kernel=lane1,lg=3
    kernel=lane4-shuffle,lg=3
    kernel=lane4-local,lg=1
    kernel=auto,wait=sleep
    kernel=auto,depth=3
    kernel=auto,vrf=0
  )
fi

# NVIDIA's image has the driver's OpenCL library but no ICD vendor file.
if ! ls /etc/OpenCL/vendors/*.icd >/dev/null 2>&1 && [ -z "${OCL_ICD_VENDORS:-}" ]; then
  mkdir -p /tmp/icd && echo libnvidia-opencl.so.1 >/tmp/icd/nvidia.icd
  export OCL_ICD_VENDORS=/tmp/icd
fi

INCLUDE=""
for dir in /usr/include "$HEADERS"; do
  if [ -f "$dir/CL/cl.h" ]; then INCLUDE=$dir; break; fi
done
LIBRARY=$(ldconfig -p 2>/dev/null | awk '/libOpenCL\.so(\.1)? /{print $NF; exit}')
if [ -z "$INCLUDE" ] || [ -z "$LIBRARY" ]; then
  echo "need CL/cl.h (found: '${INCLUDE}') and libOpenCL.so.1 (found: '${LIBRARY}');" \
       "for headers run --prepare where they exist and carry bench/opencl/cl-include" >&2
  exit 1
fi

BUILD=${SM_BENCH_BUILD:-/tmp/sm-opencl-bench}
if ! { cmake -S "$ROOT/bench/opencl/standalone" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
         -DSM_CL_INCLUDE_DIR="$INCLUDE" -DSM_OPENCL_LIBRARY="$LIBRARY" &&
       cmake --build "$BUILD" -j "$(nproc)"; } >"$BUILD.log" 2>&1; then
  tail -n 40 "$BUILD.log" >&2
  exit 1
fi
BENCH=$BUILD/bench/bench_opencl_init

{
  command -v nvidia-smi >/dev/null &&
    nvidia-smi --query-gpu=name,memory.total,clocks.max.sm,power.limit,driver_version --format=csv,noheader |
    sed 's/^/# nvidia-smi: /'
  "$BENCH" --list
  hung=""  # kernels that timed out once (e.g. a shuffle deadlock) are not run again
  for variant in "${VARIANTS[@]}"; do
    kernel=$(sed -n 's/.*kernel=\([a-z0-9-]*\).*/\1/p' <<<"$variant")
    if [ -n "$hung" ] && [[ " $hung " == *" ${kernel:-auto} "* ]]; then
      echo "{\"variant\":\"$variant\",\"error\":\"skipped: kernel ${kernel:-auto} timed out before\"}"
      continue
    fi
    timeout "${SM_TIMEOUT:-60}" "$BENCH" --provider "${SM_PROVIDER:-0}" --seconds "${SM_SECONDS:-3}" "$variant"
    status=$?
    if [ $status -ne 0 ]; then
      echo "{\"variant\":\"$variant\",\"error\":\"bench exited with status $status\"}"
      # auto means lane4-shuffle on NVIDIA
      [ $status -eq 124 ] && hung="$hung ${kernel:-auto} $([ "${kernel:-auto}" = lane4-shuffle ] && echo auto)"
    fi
  done
} | tee "${OUT:-/tmp}/bench_opencl.jsonl"
