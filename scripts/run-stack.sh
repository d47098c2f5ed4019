#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running stack on the embedded default:
# installs the packages, builds, and starts a standalone network (a node and post-services on
# small generated data) under ./run-data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
if [ ! -x build/node/spacemesh-node ]; then
  echo "spacemesh-node is not built yet (node/ is still being written); the libraries, postcli," >&2
  echo "post-profiler and the tests are ready: see README.md." >&2
  exit 1
fi
exec build/node/spacemesh-node --data-folder run-data "$@"
