#!/usr/bin/env bash
# Count duplicated code in the folders that ship or build the package (not test/, bench/ or examples/): the
# pairs of places that share a run of six or more identical or same-shaped lines, as the `duplicates` command
# finds them. A measure for notes and clean-ups, not a gate: a row is a place to look, not a verdict.
#
#   bash scripts/count-duplicates.sh            one line a folder, the total, then the pairs across folders
#   bash scripts/count-duplicates.sh --list     also every pair, under its folder
#
# Each folder is read on its own (so a folder's count does not change when another folder changes), which
# leaves out pairs whose two places are in different folders: the last line counts those from one reading of
# the whole tree. `duplicates` is a developer's tool, not a dependency: where it is not on PATH, this says so
# and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

FOLDERS=(provider plugin cli emulator scripts)
LIST=false
[ "${1:-}" = "--list" ] && LIST=true

if ! command -v duplicates >/dev/null 2>&1; then
  echo "count-duplicates: the duplicates command is not on PATH; nothing counted" >&2
  exit 0
fi

# The number of pairs in a report's first line ("34 pairs of places …", "1 pair of places …", "no duplicates …").
pairs() { sed -n '1s/^\([0-9][0-9]*\) pairs\{0,1\} of places.*/\1/p; 1s/^no duplicates.*/0/p' <<<"$1"; }

# Anything not read or paired makes the figure a lower bound: show it.
warn_incomplete() { grep -E '^(incomplete|left out):' <<<"$2" | sed "s|^|  $1: |" >&2 || true; }

total=0
for folder in "${FOLDERS[@]}"; do
  report="$(duplicates --repo "$folder" --most 200 --seconds 60)"
  count="$(pairs "$report")"
  printf '%-9s %4s\n' "$folder" "$count"
  $LIST && grep '^D[0-9]' <<<"$report" | sed "s|^|  $folder/ |" || true
  warn_incomplete "$folder" "$report"
  total=$((total + count))
done
printf '%-9s %4s\n' total "$total"

# Pairs across folders: from one reading of the whole tree, those whose two places are in two different
# folders of the list above. The row names its places relative to the tree: "D7 a/x.ts:1-9 ~ b/y.ts:3-11 …".
whole="$(duplicates --repo . --most 200 --seconds 120)"
across="$(grep '^D[0-9]' <<<"$whole" | awk -v folders="${FOLDERS[*]}" '
  BEGIN { n = split(folders, f, " "); for (i = 1; i <= n; i++) listed[f[i]] = 1 }
  {
    split($2, a, "/"); split($4, b, "/")
    if ((a[1] in listed) && (b[1] in listed) && a[1] != b[1]) print
  }')"
printf '%-9s %4s   (not in the total: one place in each of two folders)\n' across "$(grep -c . <<<"$across" || true)"
$LIST && [ -n "$across" ] && sed 's|^|  |' <<<"$across"
warn_incomplete whole "$whole"
exit 0
