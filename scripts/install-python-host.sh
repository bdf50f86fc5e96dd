#!/usr/bin/env bash
# Provision what `pulumi up` needs to run a Pulumi Python program here: a virtual environment holding Pulumi's
# Python SDK from PyPI (the `pulumi` package, and `parver` and `semver`, which every SDK that
# `pulumi package gen-sdk --language python` generates imports), and the project's Python language host
# (scripts/python-host) installed beside it as `pulumi-language-python`.
#
# Pulumi's own Python language host is a Go module the Go module proxy refuses here (403 "This module version is
# not available" for github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3), so it cannot be built
# like the CLI (scripts/install-pulumi.sh); scripts/python-host/language_host.py stands in for it. The `pulumi`
# package is pinned to the newest release PyPI serves that is not newer than the CLI (3.274.1 has no PyPI
# release here); it speaks the same engine protocol.
#
# Everything goes into a cache directory outside the repository (nothing into the machine's Python). Idempotent:
# a warm cache answers at once (the host's two files are refreshed on every run, like the Node.js stand-in).
# Prints progress on stderr and, as its last line on stdout, the directory holding `pulumi-language-python` and
# `python` (the environment's interpreter): put it first on PATH for `pulumi up`, not for `pulumi package
# gen-sdk`, whose code generation host has the same name (scripts/install-codegen-host.sh).
set -euo pipefail

PULUMI_PYTHON_VERSION="${PULUMI_PYTHON_VERSION:-3.272.0}"
REQUIREMENTS=("pulumi==$PULUMI_PYTHON_VERSION" "parver==1.0.1.post0" "semver==3.2.0" "setuptools==84.2.1")
PYTHON="${PYTHON:-python3}"
source "$(dirname "${BASH_SOURCE[0]}")/install-common.sh"
DIR="$CACHE_ROOT/python-host-$PULUMI_PYTHON_VERSION"
VENV="$DIR/venv"
BIN="$DIR/bin"
STAMP="$DIR/installed"

# True when the environment imports every pinned package at its pinned version.
ready() {
  [ -x "$VENV/bin/python" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "${REQUIREMENTS[*]}" ] &&
    "$VENV/bin/python" - "${REQUIREMENTS[@]}" <<'PY' >/dev/null 2>&1
import importlib.metadata, sys
for requirement in sys.argv[1:]:
    name, version = requirement.split("==")
    assert importlib.metadata.version(name) == version, requirement
import grpc, parver, semver, pulumi.runtime.proto.language_pb2_grpc
PY
}

install_host() {
  mkdir -p "$BIN"
  cp "$REPO_ROOT/scripts/python-host/language_host.py" "$REPO_ROOT/scripts/python-host/run_program.py" "$BIN/"
  # A script, not a symbolic link: Python finds its environment from the path it was started by, and a link
  # outside the environment would start the bare interpreter.
  rm -f "$BIN/python"
  printf '#!/bin/sh\nexec "%s" "$@"\n' "$VENV/bin/python" >"$BIN/python"
  chmod +x "$BIN/python"
  cat >"$BIN/pulumi-language-python" <<'LAUNCHER'
#!/bin/sh
# The project's Python language host (scripts/python-host), on the Python of the environment beside it.
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/python" "$here/language_host.py" "$@"
LAUNCHER
  chmod +x "$BIN/pulumi-language-python"
}

if ready; then
  install_host
  log "pulumi $PULUMI_PYTHON_VERSION for Python already installed: $BIN"
  echo "$BIN"
  exit 0
fi

command -v "$PYTHON" >/dev/null 2>&1 || fail "$PYTHON is needed to run Pulumi Python programs (install Python 3.9 or newer)"
"$PYTHON" -c 'import sys; assert sys.version_info >= (3, 9)' 2>/dev/null ||
  fail "$PYTHON is $("$PYTHON" --version 2>&1); Pulumi's Python SDK needs 3.9 or newer"

start=$(date +%s)
rm -rf "$VENV" "$STAMP"
mkdir -p "$DIR"
log "creating a virtual environment in $VENV"
"$PYTHON" -m venv "$VENV" || fail "$PYTHON -m venv failed (on Debian: apt-get install python3-venv)"
log "installing ${REQUIREMENTS[*]} from PyPI"
PIP_ROOT_USER_ACTION=ignore "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input --quiet \
  "${REQUIREMENTS[@]}" || fail "pip could not install ${REQUIREMENTS[*]}"
echo "${REQUIREMENTS[*]}" >"$STAMP"
ready || fail "the packages were installed into $VENV but do not import"
install_host
log "installed in $(($(date +%s) - start))s: $BIN (pulumi-language-python, python)"
echo "$BIN"
