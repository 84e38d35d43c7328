#!/usr/bin/env bash
# Builds the release preset and runs the benchmarks, printing their figures.
#   scripts/bench.sh                 both benchmarks
#   scripts/bench.sh ingest [opts]   webhook intake (--updates 20000 --connections 32 --rate 1000)
#   scripts/bench.sh match [opts]    matching index (--profiles 1000000 --opportunities 20000 ...)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
case "${1:-all}" in
  ingest) shift; build/release/bench/ingest_bench "$@" ;;
  match) shift; build/release/bench/match_bench "$@" ;;
  all) build/release/bench/ingest_bench && build/release/bench/match_bench ;;
  *) echo "usage: scripts/bench.sh [ingest|match] [options]" >&2; exit 2 ;;
esac
