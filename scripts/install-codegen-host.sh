#!/usr/bin/env bash
# Provision the language hosts `pulumi package gen-sdk` needs to generate the Python, Go and .NET SDKs.
#
# The CLI generates an SDK by calling GeneratePackage on `pulumi-language-<language>`. Pulumi's own hosts are
# Go modules the Go module proxy refuses here (403 "This module version is not available" for
# github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3, .../sdk/go/pulumi-language-go/v3 and
# github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3), so this builds scripts/codegen-host: one small
# program that answers GeneratePackage with Pulumi's own generators (github.com/pulumi/pulumi/pkg/v3/codegen,
# v3.206.0, the last release that still carries the .NET generator; the proxy serves it) and nothing else. It
# is installed as pulumi-language-python, -go and -dotnet, in a wrapper module kept in a cache directory, like
# scripts/install-pulumi.sh builds the CLI.
#
# Idempotent (rebuilt only when scripts/codegen-host/main.go changes); fails loudly. Prints progress on stderr
# and, as its last line on stdout, the directory holding the three hosts (put it first on PATH).
set -euo pipefail

PKG_VERSION="3.206.0"
source "$(dirname "${BASH_SOURCE[0]}")/install-common.sh"
SOURCE="$REPO_ROOT/scripts/codegen-host/main.go"
WORK="$CACHE_ROOT/codegen-host-$PKG_VERSION"
BIN="$WORK/bin"
STAMP="$WORK/built-from"

wanted="$(sha256sum "$SOURCE" | cut -d' ' -f1)"
link_hosts() {
  for language in python go dotnet; do
    ln -sf codegen-host "$BIN/pulumi-language-$language"
  done
}

# 1. A build of this very source in the cache.
if [ -x "$BIN/codegen-host" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$wanted" ]; then
  link_hosts
  log "code generation hosts already built: $BIN"
  echo "$BIN"
  exit 0
fi

# 2. Build it with Go.
if ! command -v go >/dev/null 2>&1; then
  log "no Go toolchain: install Go >= 1.24 (https://go.dev/doc/install) and run this script again"
  exit 1
fi

enter_go_build "$WORK" "$BIN"
log "building the code generation hosts with github.com/pulumi/pulumi/pkg/v3 v$PKG_VERSION in $WORK"

# pkg/v3's own replace directives (other than its ../sdk) must be carried by the wrapper module.
if ! pkg_json="$(go mod download -json "github.com/pulumi/pulumi/pkg/v3@v$PKG_VERSION" 2>&1)"; then
  log "the Go module proxy did not serve github.com/pulumi/pulumi/pkg/v3@v$PKG_VERSION:"
  printf '%s\n' "$pkg_json" >&2
  exit 1
fi
pkg_gomod="$(printf '%s\n' "$pkg_json" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
replaces="$(sed -n 's/^replace \(.*=> [^.].*\)$/\1/p' "$pkg_gomod")"

cp "$SOURCE" main.go
{
  echo "module pulumi-eyeson/codegen-host"
  echo
  echo "go $(sed -n 's/^go \([0-9.]*\).*/\1/p' "$pkg_gomod" | head -n 1)"
  echo
  echo "require ("
  echo "  github.com/pulumi/pulumi/pkg/v3 v$PKG_VERSION"
  echo "  github.com/pulumi/pulumi/sdk/v3 v$PKG_VERSION"
  echo ")"
  [ -n "$replaces" ] && printf '\nreplace %s\n' "$replaces"
} >go.mod
rm -f go.sum
if ! go mod tidy 2>"$WORK/tidy.log"; then
  log "the dependencies do not resolve from the Go module proxy:"
  cat "$WORK/tidy.log" >&2
  exit 1
fi

log "compiling (a minute or two on 2 cores the first time)"
rm -f "$STAMP"
go build -trimpath -ldflags "-s -w -X main.codegenVersion=$PKG_VERSION" -o "$BIN/codegen-host.tmp" .
mv "$BIN/codegen-host.tmp" "$BIN/codegen-host"
link_hosts
echo "$wanted" >"$STAMP"
log "built in $(($(date +%s) - start))s: $BIN (pulumi-language-python, -go, -dotnet)"
echo "$BIN"
