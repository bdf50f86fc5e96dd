#!/usr/bin/env bash
# Provision the headless browser of the dashboard spec (test/engine/dashboard.spec.ts): Debian's `chromium`
# package, driven by playwright-core with this executable (no browser is downloaded by any npm package).
#
# Uses /usr/bin/chromium when it is there; otherwise installs the `chromium` package with apt-get (as root,
# or through sudo). Fails loudly, with what to do, when neither works.
#
# Prints progress on stderr and, as its last line on stdout, the path of the executable.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

source "$(dirname "${BASH_SOURCE[0]}")/install-common.sh"

works() { [ -x "$1" ] && "$1" --version >/dev/null 2>&1; }

if works "$CHROMIUM"; then
  log "$("$CHROMIUM" --version 2>/dev/null | tail -n 1): $CHROMIUM"
  echo "$CHROMIUM"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  log "no Chromium at $CHROMIUM and no apt-get to install Debian's chromium package."
  log "Install Chromium with your system's package manager and set CHROMIUM_PATH to its executable."
  exit 1
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    log "installing Debian's chromium package needs root (or sudo): run 'apt-get install -y chromium' as root."
    exit 1
  fi
  as_root=(sudo)
fi

log "installing Debian's chromium package with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq >&2
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >&2

for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
  if works "$candidate"; then
    log "$("$candidate" --version 2>/dev/null | tail -n 1): $candidate"
    echo "$candidate"
    exit 0
  fi
done
log "apt-get installed chromium, but no working /usr/bin/chromium was found: the dashboard spec cannot run."
exit 1
