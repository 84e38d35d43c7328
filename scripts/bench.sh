#!/usr/bin/env bash
# Builds the release preset and runs the benchmarks, printing their figures.
#   scripts/bench.sh [ingest_bench options, e.g. --updates 20000 --connections 32 --rate 1000]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
build/release/bench/ingest_bench "$@"
