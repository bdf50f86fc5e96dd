#!/usr/bin/env bash
# Provision actionlint, the linter CI runs on the GitHub Actions workflows in examples/gitops/.
#
# Built with `go install` from the Go module proxy (the release binaries live on a host our machines cannot
# reach) into a cache directory outside the repository. Idempotent: a warm cache answers at once.
#
# Prints progress on stderr and, as its last line on stdout, the directory holding `actionlint`.
set -euo pipefail

ACTIONLINT_VERSION="${ACTIONLINT_VERSION:-1.7.12}"
source "$(dirname "${BASH_SOURCE[0]}")/install-common.sh"
BIN="$CACHE_ROOT/actionlint-v$ACTIONLINT_VERSION/bin"

installed_version() { "$BIN/actionlint" --version 2>/dev/null | head -n 1 || true; }

if [ -x "$BIN/actionlint" ] && [ "$(installed_version)" = "v$ACTIONLINT_VERSION" ]; then
  log "actionlint v$ACTIONLINT_VERSION already installed: $BIN/actionlint"
  echo "$BIN"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<'MSG'
[install-actionlint] actionlint is built with Go, and there is no `go` on PATH.
Install Go >= 1.24 (https://go.dev/doc/install) and run this script again, or install actionlint as described
at https://github.com/rhysd/actionlint/blob/main/docs/install.md and put it on PATH.
MSG
  exit 1
fi

log "building actionlint v$ACTIONLINT_VERSION with $(go version | cut -d' ' -f3) (about half a minute)"
mkdir -p "$BIN"
GOBIN="$BIN" GOFLAGS="${GOFLAGS:-} -mod=mod" CGO_ENABLED=0 \
  go install "github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION" >&2
got="$(installed_version)"
if [ "$got" != "v$ACTIONLINT_VERSION" ]; then
  log "the built actionlint reports '${got:-nothing}', not v$ACTIONLINT_VERSION"
  exit 1
fi
log "installed actionlint $got: $BIN/actionlint"
echo "$BIN"
