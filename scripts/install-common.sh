# Sourced by every scripts/install-*.sh: the cache they share and how they report, written once.
#
# Sets CACHE_ROOT (every install lives under it, outside the repository, so a clone and CI share one cache),
# REPO_ROOT, and `log`/`fail`, which prefix each line with the installing script's name on stderr (stdout is
# kept for the one path each script prints last).
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-eyeson"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INSTALLER="$(basename "${BASH_SOURCE[1]}" .sh)"

log() { printf '[%s] %s\n' "$INSTALLER" "$*" >&2; }

fail() {
  log "$*"
  exit 1
}

# Enters $1, the wrapper module a `go build` of a Pulumi module runs in (binaries go to $2), and notes the start
# time in `start` for the closing "built in …" line. `-mod=mod` lets the build add what go.mod lacks from the Go
# module proxy; CGO is off so the binaries need no C toolchain.
enter_go_build() {
  start=$(date +%s)
  mkdir -p "$1" "$2"
  cd "$1"
  export GOFLAGS="${GOFLAGS:-} -mod=mod"
  export CGO_ENABLED=0
}
