#!/usr/bin/env bash
# Provision GitLab's JSON schema of .gitlab-ci.yml, against which CI checks examples/gitops/.gitlab-ci.yml.
#
# GitLab publishes the schema (the one its pipeline editor validates with) on a host our machines cannot
# reach. The npm package gitlab-ci-local ships a copy: up to 4.64.x as the module src/schema/schema.js
# (`export const schema = {...}`, GitLab's JSON as it is). We fetch that package
# version with `npm pack` (integrity-checked), load the module with Node and write the object as JSON into a
# cache directory outside the repository. Idempotent: a warm cache answers at once.
#
# Prints progress on stderr and, as its last line on stdout, the path of the schema file.
set -euo pipefail

GITLAB_CI_LOCAL_VERSION="${GITLAB_CI_LOCAL_VERSION:-4.64.1}"
source "$(dirname "${BASH_SOURCE[0]}")/install-common.sh"
DIR="$CACHE_ROOT/gitlab-ci-schema-$GITLAB_CI_LOCAL_VERSION"
SCHEMA="$DIR/gitlab-ci.schema.json"

if [ -s "$SCHEMA" ]; then
  log "schema already extracted: $SCHEMA"
  echo "$SCHEMA"
  exit 0
fi

command -v npm >/dev/null 2>&1 || fail "npm is needed to fetch gitlab-ci-local@$GITLAB_CI_LOCAL_VERSION"
mkdir -p "$CACHE_ROOT"
work="$(mktemp -d "$CACHE_ROOT/gitlab-ci-schema-download.XXXXXX")"
trap 'rm -rf "$work"' EXIT

log "fetching gitlab-ci-local@$GITLAB_CI_LOCAL_VERSION from the npm registry"
tarball="$(cd "$work" && npm pack --silent "gitlab-ci-local@$GITLAB_CI_LOCAL_VERSION" | tail -n 1)"
[ -f "$work/$tarball" ] || fail "npm pack gitlab-ci-local@$GITLAB_CI_LOCAL_VERSION produced no tarball"
tar -xzf "$work/$tarball" -C "$work" package/package.json package/src/schema/schema.js ||
  fail "gitlab-ci-local@$GITLAB_CI_LOCAL_VERSION has no src/schema/schema.js (only versions up to 4.64.x ship it)"

mkdir -p "$DIR"
node --input-type=module - "$work/package/src/schema/schema.js" "$SCHEMA.tmp" <<'JS'
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [source, target] = process.argv.slice(2);
const { schema } = await import(pathToFileURL(source).href);
if (schema?.$schema !== "http://json-schema.org/draft-07/schema#" || !schema.definitions?.job_template) {
  throw new Error(`${source} does not hold GitLab's CI schema`);
}
writeFileSync(target, `${JSON.stringify(schema, null, 1)}\n`);
JS
mv "$SCHEMA.tmp" "$SCHEMA"
log "extracted GitLab's CI schema: $SCHEMA"
echo "$SCHEMA"
