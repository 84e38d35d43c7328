#!/usr/bin/env bash
# Runs WorkMatch on this machine: installs what is missing, builds the release
# preset, loads the demo data set into a new database, and serves on
# WORKMATCH_LISTEN (default 127.0.0.1:8080) until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

echo "Building WorkMatch (release)..." >&2
cmake --preset release >/dev/null
if [ -t 1 ]; then
  cmake --build --preset release  # ninja shows its progress on a terminal
else
  cmake --build --preset release >/dev/null
fi

bin=build/release/bot/workmatch
export WORKMATCH_DB="${WORKMATCH_DB:-./var/workmatch.db}"
listen="${WORKMATCH_LISTEN:-127.0.0.1:8080}"
"$bin" demo --if-empty

cat <<MSG

WorkMatch is starting on http://${listen}
  Chat with it:    http://${listen}/chat/   (open it in a browser, also on a phone)
  Is it up?        http://${listen}/healthz
  Ready to serve?  http://${listen}/readyz
  Metrics:         http://${listen}/metrics
  Database:        ${WORKMATCH_DB} (demo data loaded on first run)

Turn channels on by setting, before this command:
  Telegram:  TELEGRAM_BOT_TOKEN (from @BotFather) and TELEGRAM_WEBHOOK_SECRET, then
             $bin telegram set-webhook https://YOUR-HOST/webhooks/telegram
  WhatsApp:  WHATSAPP_ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_APP_SECRET
             and WHATSAPP_VERIFY_TOKEN (from the Meta app dashboard); callback URL
             https://YOUR-HOST/webhooks/whatsapp
  All settings: $bin serve --help

Stop with Ctrl-C.

MSG
exec "$bin" serve
