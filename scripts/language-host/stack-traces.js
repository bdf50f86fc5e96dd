// Preloaded into every program the stand-in language host starts (`node --require stack-traces.js <runner>`),
// so a failing program reports its error at once, whether or not it imports pulumi-eyeson. The same workaround
// as provider/stackTraces.ts, which explains the bug; this copy must work without the package installed, and
// before the runner and ts-node load their source-map-support, so it loads both itself.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { fileURLToPath } = require("node:url");

const NO_MAPPINGS = { version: 3, sources: [], names: [], mappings: "" };

/** A map without mappings for a file whose `<file>.map` resolves a source directly into its scope folder. */
function declineEscapingSourceMap(source) {
  const file = source.startsWith("file:") ? fileURLToPath(source) : source;
  const scope = /^(.*[\\/]node_modules[\\/]@[^\\/]+)[\\/]/.exec(file)?.[1];
  if (scope === undefined) return null;
  let map;
  try {
    map = JSON.parse(fs.readFileSync(`${file}.map`, "utf8"));
  } catch {
    return null;
  }
  const root = path.resolve(path.dirname(file), typeof map.sourceRoot === "string" ? map.sourceRoot : "");
  const sources = Array.isArray(map.sources) ? map.sources : [];
  const escapes = sources.some(
    (s) => typeof s === "string" && path.dirname(path.resolve(root, s)) === path.resolve(scope),
  );
  return escapes ? { url: source, map: NO_MAPPINGS } : null;
}

/** The package directory of `name` as seen from `from`, or undefined when it is not installed. */
function packageDir(name, from) {
  try {
    return path.dirname(require.resolve(`${name}/package.json`, { paths: [from] }));
  } catch {
    return undefined;
  }
}

// The runner is the script node was started with; its package holds the source-map-support it registers, and
// ts-node, which the runner registers unless PULUMI_NODEJS_TYPESCRIPT is "false", brings its fork. Order
// matters: source-map-support first, then the fork, which keeps the first as its fallback, as when the runner
// registers them. Their owners' later `install` calls keep the handler added here.
const runnerDir = process.argv[1] ? path.dirname(process.argv[1]) : process.cwd();
const typescript = process.env.PULUMI_NODEJS_TYPESCRIPT !== "false";
const options = { retrieveSourceMap: declineEscapingSourceMap, handleUncaughtExceptions: false };
for (const [name, from] of [
  ["source-map-support", runnerDir],
  ["@cspotcode/source-map-support", typescript ? packageDir("ts-node", runnerDir) : undefined],
]) {
  const dir = from === undefined ? undefined : packageDir(name, from);
  if (dir !== undefined) require(dir).install({ ...options, redirectConflictingLibrary: false });
}
