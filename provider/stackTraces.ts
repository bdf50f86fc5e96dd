/**
 * Lets a failing program report its error at once instead of a minute or more later.
 *
 * When a program throws, Pulumi's runner formats the error with `util.inspect(err, { colors: true })`
 * (sdk/nodejs/cmd/run/error.ts). Stack frames are source-mapped by `source-map-support`, which the runner
 * installs (and `@cspotcode/source-map-support`, which ts-node installs), and the maps of the files at the root
 * of @pulumi/pulumi name their sources `../output.ts`, a path outside the package: a frame then reads
 * `node_modules/@pulumi/output.ts`. Node's colouring of `node_modules` paths loops on a scoped path with no
 * second separator until the string outgrows memory (came with nodejs/node#59446, in Node 20.19.6 and 22.x;
 * reported as nodejs/node#64011, fixed by nodejs/node#64022): 24 s to over 2 minutes of garbage collection
 * before the error reaches the user. We decline exactly those maps, so such frames keep their real `.js` location and format at once.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** What a `retrieveSourceMap` handler of source-map-support returns. */
interface RetrievedMap {
  readonly url: string;
  readonly map: object;
}

/** The part of source-map-support (either fork) this module uses. */
interface SourceMapSupport {
  install(options: {
    retrieveSourceMap: (source: string) => RetrievedMap | null;
    handleUncaughtExceptions: false;
    redirectConflictingLibrary: false;
  }): void;
}

/** A map with no mappings: every position stays where it is in the generated file. */
const NO_MAPPINGS = { version: 3, sources: [], names: [], mappings: "" };
const INSTALLED = Symbol.for("pulumi-eyeson:decline-escaping-source-maps");
const LIBRARY_MAIN = /[\\/]source-map-support[\\/]source-map-support\.js$/;

/**
 * The `retrieveSourceMap` handler: for a file inside a scoped package (`node_modules/@scope/…`) whose
 * `<file>.map` resolves a source directly into the scope folder, a map without mappings; otherwise `null`,
 * so the library reads the file's own map as usual.
 */
export function declineEscapingSourceMap(source: string): RetrievedMap | null {
  const file = source.startsWith("file:") ? fileURLToPath(source) : source;
  const scope = /^(.*[\\/]node_modules[\\/]@[^\\/]+)[\\/]/.exec(file)?.[1];
  if (scope === undefined) return null;
  let map: { sources?: unknown; sourceRoot?: unknown };
  try {
    map = JSON.parse(fs.readFileSync(`${file}.map`, "utf8")) as typeof map;
  } catch {
    return null; // no map beside the file, or not ours to judge: the library's own lookup decides
  }
  const root = path.resolve(path.dirname(file), typeof map.sourceRoot === "string" ? map.sourceRoot : "");
  const sources = Array.isArray(map.sources) ? map.sources : [];
  const escapes = sources.some(
    (s) => typeof s === "string" && path.dirname(path.resolve(root, s)) === path.resolve(scope),
  );
  return escapes ? { url: source, map: NO_MAPPINGS } : null;
}

/**
 * Adds `declineEscapingSourceMap` to every source-map-support already loaded in this process (the runner's and
 * ts-node's), once each; does nothing outside a Pulumi program, where neither is loaded.
 */
export function installStackTraceWorkaround(): void {
  for (const [file, loaded] of Object.entries(require.cache)) {
    if (!loaded || !LIBRARY_MAIN.test(file)) continue;
    const library = loaded.exports as Partial<SourceMapSupport> & { [INSTALLED]?: true };
    if (typeof library.install !== "function" || library[INSTALLED]) continue;
    // Options that add the handler and nothing else: the runner already installed the formatter and handlers.
    library.install({
      retrieveSourceMap: declineEscapingSourceMap,
      handleUncaughtExceptions: false,
      redirectConflictingLibrary: false,
    });
    Object.defineProperty(library, INSTALLED, { value: true });
  }
}
