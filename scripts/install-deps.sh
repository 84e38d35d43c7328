#!/usr/bin/env bash
# Installs the Debian 12 packages WorkMatch needs to build, test and run.
# Idempotent and silent when everything is present; uses sudo when not root.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config ca-certificates
  libcpp-httplib-dev nlohmann-json3-dev libicu-dev libstemmer-dev libsqlitecpp-dev libsqlite3-dev
  libfmt-dev catch2 libssl-dev libcli11-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "WorkMatch needs these Debian packages: ${missing[*]}" >&2
    echo "Run this script as root, or install sudo, then try again." >&2
    exit 1
  fi
  sudo=(sudo)
fi

echo "Installing the packages WorkMatch needs: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
