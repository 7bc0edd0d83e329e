#!/usr/bin/env bash
# Sets up a fresh machine: Debian's Chromium and firefox-esr for the browser tests (those missing),
# then the npm packages exactly as locked.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if ! command -v firefox-esr >/dev/null 2>&1 && [ ! -x /usr/bin/firefox-esr ]; then missing+=(firefox-esr); fi
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
npm ci --no-audit --no-fund
