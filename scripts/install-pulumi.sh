#!/usr/bin/env bash
# Provision a Pulumi CLI for the tests, the demo and CI.
#
# The official installer downloads a prebuilt binary from a host our machines cannot reach, so when no
# suitable `pulumi` is on PATH we build one from the Go module proxy, in a wrapper module kept in a cache
# directory outside the repository, with Pulumi's Node.js language host when the proxy serves it and the
# project's stand-in (scripts/language-host) when it does not. Idempotent: a warm cache answers in 0.1 s.
#
# Prints progress on stderr and, as its last line on stdout, the directory holding `pulumi` (put it on PATH).
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-3.274.1}"
MIN_VERSION="3.181.0"
source "$(dirname "${BASH_SOURCE[0]}")/install-common.sh"
WORK="$CACHE_ROOT/pulumi-$PULUMI_VERSION"
BIN="$WORK/bin"

pulumi_version() { # pulumi_version BIN: prints `vX.Y.Z`, or nothing
  # Every pulumi command writes a log under PULUMI_HOME (default ~/.pulumi): use a throwaway one.
  local home
  home="$(mktemp -d)"
  PULUMI_HOME="$home" PULUMI_SKIP_UPDATE_CHECK=true "$1" version 2>/dev/null || true
  rm -rf "$home"
}

version_ge() { # version_ge A B: A >= B
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]
}

install_dynamic_provider_shim() {
  # The engine starts dynamic providers as `pulumi-resource-pulumi-nodejs`, looked up next to `pulumi` or
  # on PATH. It is the small script shipped at the root of the @pulumi/pulumi npm package: copy it from
  # the project's node_modules when installed, else write the same lines.
  local dir="$1" shipped="$REPO_ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  mkdir -p "$dir"
  if [ -f "$shipped" ]; then
    cp "$shipped" "$dir/pulumi-resource-pulumi-nodejs"
  else
    cat >"$dir/pulumi-resource-pulumi-nodejs" <<'SHIM'
#!/bin/sh
PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))")
if [ ! -z "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" ]; then
    node "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" $@
fi
SHIM
  fi
  chmod +x "$dir/pulumi-resource-pulumi-nodejs"
}

install_language_host() {
  # Directory programs (`pulumi up` beside a Pulumi.yaml) need the Node.js language host next to `pulumi`.
  # When the Go one could not be built, use the project's own (scripts/language-host): a Node script that
  # runs the program with the runner shipped in @pulumi/pulumi. Refreshed on every run, like the shim.
  local dir="$1" target="$1/pulumi-language-nodejs"
  if [ -f "$target" ] && [ "$(head -c 2 "$target")" != "#!" ]; then
    return 0 # the Go-built host
  fi
  cp "$REPO_ROOT/scripts/language-host/pulumi-language-nodejs" "$target"
  cp "$REPO_ROOT/scripts/language-host/stack-traces.js" "$dir/stack-traces.js"
  cp "$REPO_ROOT/scripts/language-host/run-plugin.js" "$dir/run-plugin.js"
  chmod +x "$target"
}

# 1. A suitable pulumi on PATH wins.
if existing="$(command -v pulumi 2>/dev/null)" && [ "$existing" != "$BIN/pulumi" ]; then
  have="$(pulumi_version "$existing" | sed 's/^v//')"
  if [ -n "$have" ] && version_ge "$have" "$MIN_VERSION"; then
    log "using pulumi $have from PATH ($existing)"
    dir="$(dirname "$existing")"
    if ! command -v pulumi-resource-pulumi-nodejs >/dev/null 2>&1; then
      install_dynamic_provider_shim "$BIN"
      log "dynamic provider shim written to $BIN (add it to PATH too)"
    fi
    echo "$dir"
    exit 0
  fi
  log "pulumi on PATH reports '${have:-no version}', older than $MIN_VERSION: building $PULUMI_VERSION"
fi

# 2. A previous build in the cache.
if [ -x "$BIN/pulumi" ] && [ "$(pulumi_version "$BIN/pulumi")" = "v$PULUMI_VERSION" ]; then
  install_dynamic_provider_shim "$BIN"
  install_language_host "$BIN"
  log "pulumi v$PULUMI_VERSION already built: $BIN/pulumi"
  echo "$BIN"
  exit 0
fi

# 3. Build it with Go.
if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<'MSG'
[install-pulumi] No Pulumi CLI >= 3.181 on PATH and no Go toolchain to build one.
Install the Pulumi CLI as described at https://www.pulumi.com/docs/iac/download-install/
(for example `curl -fsSL https://get.pulumi.com | sh`, or `brew install pulumi/tap/pulumi`),
or install Go >= 1.24 (https://go.dev/doc/install) and run this script again.
MSG
  exit 1
fi

enter_go_build "$WORK" "$BIN"

log "building pulumi v$PULUMI_VERSION with $(go version | cut -d' ' -f3) in $WORK"
log "the first build downloads about a gigabyte of modules and compiles for several minutes"

# The wrapper must carry pkg/go.mod's non-local replace directives (sdk/v3 => ../sdk is exactly what
# requiring sdk/v3 at the same version replaces).
pkg_gomod="$(go mod download -json "github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
[ -f "$pkg_gomod" ] || { log "cannot download github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION"; exit 1; }
go_directive="$(sed -n 's/^go \([0-9.]*\).*/\1/p' "$pkg_gomod" | head -n 1)"
replaces="$(awk '
  /^replace \(/ { block = 1; next }
  block && /^\)/ { block = 0; next }
  block { print; next }
  /^replace / { sub(/^replace /, ""); print }
' "$pkg_gomod" | grep -v '=> *\.' || true)"

write_gomod() {
  {
    echo "module pulumi-eyeson/pulumi-cli"
    echo
    echo "go ${go_directive:-1.24}"
    echo
    echo "tool github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
    [ -n "${1:-}" ] && echo "tool github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
    echo
    echo "require ("
    echo "  github.com/pulumi/pulumi/pkg/v3 v$PULUMI_VERSION"
    echo "  github.com/pulumi/pulumi/sdk/v3 v$PULUMI_VERSION"
    [ -n "${1:-}" ] && echo "  github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 $1"
    echo ")"
    if [ -n "$replaces" ]; then
      echo
      echo "replace ("
      printf '%s\n' "$replaces" | sed 's/^[[:space:]]*/  /'
      echo ")"
    fi
  } >go.mod
}

# The Node.js language host lets directory programs (`pulumi up` beside a Pulumi.yaml) run. Its module
# has no tags: require it at the pseudo-version of the CLI release commit.
langhost_version=""
commit="$(go mod download -json "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION" | sed -n 's/.*"Hash": "\([0-9a-f]\{40\}\)".*/\1/p' | head -n 1)"
if [ -n "$commit" ]; then
  langhost_version="$(go list -m -json "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3@$commit" 2>/dev/null | sed -n 's/.*"Version": "\(.*\)".*/\1/p' | head -n 1 || true)"
fi

build_langhost=""
if [ -n "$langhost_version" ]; then
  log "language host at $langhost_version (commit ${commit:0:12})"
  write_gomod "$langhost_version"
  if go mod tidy >&2 2>"$WORK/tidy.log" || { cat "$WORK/tidy.log" >&2; false; }; then
    build_langhost=1
  else
    log "the language host module does not resolve; building the CLI alone (the project's Node.js language host stands in)"
  fi
else
  log "the Go module proxy does not serve the language host module at the release commit; building the CLI alone (the project's Node.js language host stands in)"
fi
if [ -z "$build_langhost" ]; then
  write_gomod ""
  go mod tidy >&2
fi

ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"
log "compiling pulumi (several minutes on 2 cores)"
go build -trimpath -ldflags "$ldflags" -o "$BIN/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
if [ -n "$build_langhost" ]; then
  log "compiling pulumi-language-nodejs"
  if go build -trimpath -ldflags "$ldflags" -o "$BIN/pulumi-language-nodejs" github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3; then
    log "language host built: $BIN/pulumi-language-nodejs"
  else
    rm -f "$BIN/pulumi-language-nodejs"
    log "the Go language host did not build; using the project's Node.js language host instead"
  fi
fi
mv "$BIN/pulumi.tmp" "$BIN/pulumi"
install_dynamic_provider_shim "$BIN"
install_language_host "$BIN"
log "built $(pulumi_version "$BIN/pulumi") in $(( $(date +%s) - start ))s: $BIN/pulumi"
echo "$BIN"
