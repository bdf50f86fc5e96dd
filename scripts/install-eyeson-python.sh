#!/usr/bin/env bash
# Provision eyeson's Python SDK, the PyPI package `eyeson` (0.0.6), which test/emulator/pythonSdk.spec.ts runs
# unchanged against the emulator: a client of the eyeson API that this project did not write.
#
# pip installs exactly that version with --no-deps into a cache directory outside the repository (nothing
# goes into the machine's Python). Its one dependency, `requests`, comes from PyPI into the same directory
# only when the machine's python3 lacks it. Idempotent: a warm cache answers at once.
#
# Prints progress on stderr and, as its last line on stdout, the directory to put on PYTHONPATH. Fails,
# saying what is missing, when python3, pip or the package cannot be had.
set -euo pipefail

EYESON_PYTHON_VERSION="${EYESON_PYTHON_VERSION:-0.0.6}"
PYTHON="${PYTHON:-python3}"
source "$(dirname "${BASH_SOURCE[0]}")/install-common.sh"
DIR="$CACHE_ROOT/python-eyeson-$EYESON_PYTHON_VERSION"

command -v "$PYTHON" >/dev/null 2>&1 || fail "$PYTHON is needed to run eyeson's Python SDK (install Python 3)"

# True when DIR holds the wanted version and, with it, the SDK and requests import.
ready() {
  PYTHONPATH="$1" "$PYTHON" - "$EYESON_PYTHON_VERSION" <<'PY' >/dev/null 2>&1
import importlib.metadata, sys
assert importlib.metadata.version("eyeson") == sys.argv[1]
from eyeson.eyeson import EyesonClient
import requests
PY
}

if [ -d "$DIR" ] && ready "$DIR"; then
  log "eyeson $EYESON_PYTHON_VERSION already installed: $DIR"
  echo "$DIR"
  exit 0
fi

"$PYTHON" -m pip --version >/dev/null 2>&1 || fail "pip is needed to install eyeson $EYESON_PYTHON_VERSION ($PYTHON -m pip)"
mkdir -p "$CACHE_ROOT"
work="$(mktemp -d "$CACHE_ROOT/python-eyeson-install.XXXXXX")"
trap 'rm -rf "$work"' EXIT

pip_install() {
  PIP_ROOT_USER_ACTION=ignore "$PYTHON" -m pip install --disable-pip-version-check --no-input --quiet --target "$work" "$@"
}

log "installing eyeson==$EYESON_PYTHON_VERSION from PyPI (--no-deps)"
pip_install --no-deps "eyeson==$EYESON_PYTHON_VERSION" || fail "pip could not install eyeson==$EYESON_PYTHON_VERSION"
if ! "$PYTHON" -c 'import requests' >/dev/null 2>&1; then
  log "$PYTHON has no requests: installing it from PyPI"
  pip_install requests || fail "pip could not install requests"
fi
ready "$work" || fail "eyeson $EYESON_PYTHON_VERSION was installed into $work but does not import"

rm -rf "$DIR"
mv "$work" "$DIR"
trap - EXIT
log "installed eyeson $EYESON_PYTHON_VERSION: $DIR"
echo "$DIR"
