#!/usr/bin/env bash
# Provision Pulumi's YAML language host (`pulumi-language-yaml`) for the YAML engine specs and CI.
#
# It is the Go module github.com/pulumi/pulumi-yaml. Like scripts/install-pulumi.sh builds the CLI, this builds
# it from the Go module proxy in a wrapper module kept in a cache directory outside the repository, so no
# prebuilt binary has to be downloaded from a host our machines cannot reach. The wrapper requires the release
# and nothing else: pulumi-yaml is built against the pulumi pkg/sdk version its own go.mod names (v1.25.0:
# v3.206.0), since it does not compile against the CLI's newer pkg/v3 (the plugin-loading API changed). The
# engine talks to it over gRPC, so a host built against an older SDK serves a newer CLI.
#
# Idempotent: a warm cache answers at once. Fails loudly (non-zero, with the proxy's and the compiler's own
# messages) when it cannot build. Prints progress on stderr and, as its last line on stdout, the directory
# holding `pulumi-language-yaml` (put it on PATH). PULUMI_YAML_VERSION picks another release.
set -euo pipefail

YAML_VERSION="${PULUMI_YAML_VERSION:-1.25.0}"
MODULE="github.com/pulumi/pulumi-yaml"
source "$(dirname "${BASH_SOURCE[0]}")/install-common.sh"
WORK="$CACHE_ROOT/pulumi-yaml-$YAML_VERSION"
BIN="$WORK/bin"
STAMP="$WORK/built-version"

# 1. A previous build in the cache (the host has no --version flag: the stamp records what was built).
if [ -x "$BIN/pulumi-language-yaml" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "v$YAML_VERSION" ]; then
  log "pulumi-language-yaml v$YAML_VERSION already built: $BIN/pulumi-language-yaml"
  echo "$BIN"
  exit 0
fi

# 2. Build it with Go.
if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<'MSG'
[install-pulumi-yaml] No Go toolchain to build Pulumi's YAML language host.
Install Go >= 1.24 (https://go.dev/doc/install) and run this script again, or install the host as described at
https://www.pulumi.com/docs/iac/languages-sdks/yaml/ and put `pulumi-language-yaml` on PATH.
MSG
  exit 1
fi

enter_go_build "$WORK" "$BIN"

log "building pulumi-language-yaml v$YAML_VERSION with $(go version | cut -d' ' -f3) in $WORK"
if versions="$(go list -m -versions "$MODULE" 2>"$WORK/versions.log")"; then
  log "the Go module proxy lists: ${versions#"$MODULE"}"
else
  log "the Go module proxy did not list $MODULE:"
  cat "$WORK/versions.log" >&2
fi
if ! go mod download -json "$MODULE@v$YAML_VERSION" >"$WORK/download.json" 2>"$WORK/download.log"; then
  log "the Go module proxy did not serve $MODULE@v$YAML_VERSION:"
  cat "$WORK/download.log" "$WORK/download.json" >&2
  exit 1
fi
go_directive="$(sed -n 's/.*"GoVersion": "\([0-9.]*\)".*/\1/p' "$WORK/download.json" | head -n 1)"

cat >go.mod <<GOMOD
module pulumi-eyeson/pulumi-yaml

go ${go_directive:-1.24}

tool $MODULE/cmd/pulumi-language-yaml

require $MODULE v$YAML_VERSION
GOMOD
rm -f go.sum
if ! go mod tidy 2>"$WORK/tidy.log"; then
  log "the dependencies of $MODULE@v$YAML_VERSION do not resolve from the Go module proxy:"
  cat "$WORK/tidy.log" >&2
  exit 1
fi
log "resolved against $(grep -o 'github.com/pulumi/pulumi/pkg/v3 v[0-9.]*' go.mod | head -n 1)"

log "compiling pulumi-language-yaml (a minute or two on 2 cores)"
ldflags="-s -w -X $MODULE/pkg/version.Version=v$YAML_VERSION"
rm -f "$STAMP"
go build -trimpath -ldflags "$ldflags" -o "$BIN/pulumi-language-yaml.tmp" "$MODULE/cmd/pulumi-language-yaml"
mv "$BIN/pulumi-language-yaml.tmp" "$BIN/pulumi-language-yaml"
echo "v$YAML_VERSION" >"$STAMP"
log "built pulumi-language-yaml v$YAML_VERSION in $(($(date +%s) - start))s: $BIN/pulumi-language-yaml"
echo "$BIN"
