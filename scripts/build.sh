#!/usr/bin/env bash
# Configures and builds the project (Release by default) into ./build, or BUILD_DIR.
# Usage: scripts/build.sh [cmake args...]   e.g. -DCMAKE_BUILD_TYPE=Sanitize
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -G Ninja "$@" >/dev/null
ninja -C "$build_dir" -j "$(nproc)"
