#!/usr/bin/env bash
# Installs the Debian 12 packages this project builds and tests with. Idempotent and quiet:
# packages already present are skipped, so a second run costs one dpkg query.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libgrpc++-dev protobuf-compiler protobuf-compiler-grpc libprotobuf-dev
  libabsl-dev librocksdb-dev librandomx-dev
  ocl-icd-opencl-dev opencl-headers pocl-opencl-icd clinfo
  libcpp-httplib-dev libyaml-cpp-dev libfmt-dev libspdlog-dev
  catch2 libssl-dev nlohmann-json3-dev libcli11-dev
  b3sum openssl curl
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
