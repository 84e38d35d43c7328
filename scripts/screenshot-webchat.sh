#!/usr/bin/env bash
# Takes a screenshot of the web chat as a phone shows it, after one exchange:
# installs Chromium and playwright-core if missing, builds the release preset,
# starts workmatch on a free port with a scratch database, and writes
# build/webchat-<lang>.png.   scripts/screenshot-webchat.sh [LANG]   (default: ar)
set -euo pipefail
cd "$(dirname "$0")/.."
lang="${1:-ar}"
scripts/install-deps.sh
if ! command -v chromium >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium nodejs npm >/dev/null
fi
mkdir -p build/tools
if [ ! -d build/tools/node_modules/playwright-core ]; then
  (cd build/tools && npm install --silent --no-audit --no-fund playwright-core >/dev/null)
fi
cmake --preset release >/dev/null && cmake --build --preset release >/dev/null

tmp=$(mktemp -d); trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
WORKMATCH_DB="$tmp/wm.db" WORKMATCH_LISTEN=127.0.0.1:0 build/release/bot/workmatch serve 2>"$tmp/log" &
pid=$!
for _ in $(seq 100); do grep -q 'msg="listening"' "$tmp/log" && break; sleep 0.1; done
addr=$(sed -n 's/.*msg="listening" addr=\([^ ]*\).*/\1/p' "$tmp/log")
# ES modules resolve packages next to the script: run a copy from build/tools.
cp scripts/webchat-screenshot.mjs build/tools/shot.mjs
(cd build/tools && node shot.mjs "http://$addr/chat/" "../webchat-$lang.png" "$lang")
