#!/usr/bin/env bash
# Runs every test: installs what is missing, builds the dev preset (Debug,
# ASan+UBSan, warnings as errors) and runs the Catch2 suite through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev
ctest --preset dev --parallel "$(nproc)"
