#!/usr/bin/env bash
# Sets up, builds and runs ringport's demo: the backend it chose (and why), and post() and
# timer throughput on each backend of this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "${RINGPORT_JOBS:-2}" --target ringport_demo
exec build/release/examples/ringport_demo "$@"
