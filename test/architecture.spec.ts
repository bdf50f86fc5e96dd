// The layout rules the code relies on, checked on every run: no import circles, undici in one module, the
// functions independent of the resources, the emulator independent of the provider's machinery, each
// endpoint described once, and no source file over 500 lines.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { EyesonClient } from "../provider/client";
import { ENDPOINTS } from "../provider/endpoints";

const ROOT = path.resolve(__dirname, "..");
const SOURCE_DIRS = ["provider", "emulator", "cli", "scripts", "bench"];
const MAX_LINES = 500;

/** The part of madge's API used here (it ships no types). */
interface MadgeResult {
  circular(): string[][];
  obj(): Record<string, string[]>;
}
type Madge = (paths: string[], options: Record<string, unknown>) => Promise<MadgeResult>;
const madge = require("madge") as Madge;
// The same settings `npm run lint:circles` reads: `require` seen in TypeScript, and the package's own name
// (`pulumi-eyeson/...`, which the dynamic-resource shim requires) resolved to this repository's sources.
const MADGE_CONFIG = JSON.parse(fs.readFileSync(path.join(ROOT, ".madgerc"), "utf8")) as Record<
  string,
  unknown
>;
const GRAPH_DIRS = ["provider", "plugin", "emulator", "cli"];

/** Every source file under `dirs` with the given extensions, relative to the repository. */
function sources(dirs: readonly string[], extensions: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (extensions.test(entry.name)) out.push(rel);
    }
  };
  for (const dir of dirs) walk(dir);
  return out;
}

/** The module specifiers a file imports at run time (type-only imports left out). */
function runtimeImports(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const specifiers = [...text.matchAll(/^import (?!type )[^;]*?from "([^"]+)";/gms)].map((m) => m[1]);
  const requires = [...text.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]);
  return [...specifiers, ...requires];
}

// A string that starts with an API path, as request code would write it.
const API_PATH = /["`]\/(rooms|permalink|webhooks|guests|recordings|snapshots)\b/;

/** The lines of a file that are code, not comments. */
function codeLines(file: string): string[] {
  return fs
    .readFileSync(path.join(ROOT, file), "utf8")
    .split("\n")
    .filter((line) => !/^\s*(\*|\/\*|\/\/)/.test(line));
}

describe("the source layout", function () {
  this.timeout(60_000);
  let graph: MadgeResult;

  before(async () => {
    graph = await madge(GRAPH_DIRS, { ...MADGE_CONFIG, baseDir: ROOT });
  });

  it("has no import circles in provider/, plugin/, emulator/ and cli/ (madge, type imports and require included)", () => {
    // No circles in an empty graph proves nothing: madge must have read every source file.
    const unread = sources(GRAPH_DIRS, /\.ts$/).filter((file) => !(file in graph.obj()));
    assert.deepEqual(unread, [], "source files madge did not read");
    assert.deepEqual(graph.circular(), []);
  });

  it("imports undici in one module only, the client's transport", () => {
    const importers = sources(["provider", "emulator", "cli"], /\.ts$/).filter((file) =>
      runtimeImports(file).includes("undici"),
    );
    assert.deepEqual(importers, ["provider/http/transport.ts"]);
  });

  it("keeps the functions independent of the resources", () => {
    const crossing = Object.entries(graph.obj()).filter(
      ([file, deps]) =>
        file.startsWith("provider/functions/") && deps.some((d) => d.startsWith("provider/resources/")),
    );
    assert.deepEqual(crossing, []);
  });

  it("keeps plugin/ independent of cli/ (what both need lives in provider/)", () => {
    const crossing = sources(["plugin"], /\.ts$/).filter((file) =>
      /from "\.\.\/cli\/|require\("\.\.\/cli\//.test(fs.readFileSync(path.join(ROOT, file), "utf8")),
    );
    assert.deepEqual(crossing, []);
  });

  it("lets the emulator read only provider modules that import nothing of the project (data and pure rules)", () => {
    const used = new Set(
      Object.entries(graph.obj())
        .filter(([file]) => file.startsWith("emulator/"))
        .flatMap(([, deps]) => deps.filter((d) => d.startsWith("provider/"))),
    );
    assert.deepEqual([...used].sort(), [
      "provider/loopback.ts",
      "provider/roomOptions.ts",
      "provider/tokenShape.ts",
      "provider/webhookSignature.ts",
      "provider/webhookTypes.ts",
    ]);
    for (const leaf of used) {
      assert.deepEqual(
        runtimeImports(leaf).filter((s) => s.startsWith(".")),
        [],
        `${leaf} imports nothing of the project`,
      );
    }
  });

  it("describes each of the 45 endpoints once, and the client sends each through its own record", () => {
    assert.equal(Object.keys(ENDPOINTS).length, 45);
    const client = fs.readFileSync(path.join(ROOT, "provider", "client.ts"), "utf8");
    for (const [name, endpoint] of Object.entries(ENDPOINTS)) {
      assert.equal(endpoint.operation, name);
      // Each method is installed from its record, none written by hand beside the table.
      assert.equal(typeof (EyesonClient.prototype as unknown as Record<string, unknown>)[name], "function");
      assert.ok(!client.includes(`ENDPOINTS.${name}`), `client.ts names ENDPOINTS.${name} nowhere by hand`);
      assert.ok(!new RegExp(`\\n  (async )?${name}\\(`).test(client), `client.ts writes no ${name} method`);
    }
    const paths = sources(["provider", "cli"], /\.ts$/).filter(
      (file) =>
        !file.startsWith("provider/endpoints/") && codeLines(file).some((line) => API_PATH.test(line)),
    );
    assert.deepEqual(paths, [], "no API path is written outside provider/endpoints/");
  });

  it(`has no source file over ${MAX_LINES} lines in ${SOURCE_DIRS.join(", ")}`, () => {
    const long = sources(SOURCE_DIRS, /\.(ts|js)$/)
      .map((file) => ({ file, lines: fs.readFileSync(path.join(ROOT, file), "utf8").split("\n").length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES);
    assert.deepEqual(long, []);
  });
});
