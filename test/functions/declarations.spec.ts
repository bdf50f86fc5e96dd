// Each eyeson function is declared once (`defineFunction` in provider/functions/): its name and endpoint,
// whether it is read-only, whether a second run converges, whether its result is sensitive. The exports, the
// plugin's invokes, the editor documentation and the README's function table are checked against it here.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { READ_ONLY_FUNCTIONS } from "../../plugin/functions";
import { ENDPOINTS } from "../../provider/endpoints";
import * as functions from "../../provider/functions";
import { FUNCTIONS } from "../../provider/functions/catalog";
import type { Convergence } from "../../provider/functions/invoke";

const ROOT = path.resolve(__dirname, "..", "..");
const DIR = path.join(ROOT, "provider", "functions");

/** The TSDoc right above each `export function`, by function name. */
function docs(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith(".ts"))) {
    const text = fs.readFileSync(path.join(DIR, file), "utf8");
    for (const match of text.matchAll(/\/\*\*([\s\S]*?)\*\/\nexport function (\w+)\(/g)) {
      found.set(match[2], match[1]);
    }
  }
  return found;
}

/** The README's function table: the cells of each row, by every function name its first cell holds. */
function readmeRows(): Map<string, string[]> {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Functions"), readme.indexOf("### A situation room"));
  const rows = new Map<string, string[]>();
  for (const line of section.split("\n").filter((l) => l.startsWith("| `"))) {
    const cells = line.split(" | ").map((cell) => cell.replace(/^\| |\s*\|$/g, ""));
    for (const [, name] of cells[0].matchAll(/`(\w+)`/g)) rows.set(name, cells);
  }
  return rows;
}

/** How the editor documentation of a side-effect function says whether a second run converges. */
const CONVERGENCE: Readonly<Record<string, RegExp>> = {
  true: /\(side effect, convergent\)/,
  false: /\(side effect, not convergent: /,
  withMissingOk: /\(side effect; convergent with `missingOk`\)/,
  withPlayId: /\(side effect; convergent with a `playId`\)/,
  withFixedId: /\(side effect; convergent with a fixed `id`\)/,
};

function convergence(converges: Convergence): RegExp {
  return CONVERGENCE[String(converges)];
}

describe("function declarations", () => {
  const tsdoc = docs();
  const rows = readmeRows();
  const exported = functions as unknown as Record<string, unknown>;

  it("declares each of the 38 exported functions once, each with its Promise and Output form", () => {
    const names = FUNCTIONS.map((fn) => fn.spec.name);
    assert.equal(names.length, 38);
    const written = fs
      .readdirSync(DIR)
      .flatMap((file) => [...fs.readFileSync(path.join(DIR, file), "utf8").matchAll(/= defineFunction</g)]);
    assert.equal(written.length, names.length, "one defineFunction per name");
    const forms = Object.keys(exported).filter((name) => typeof exported[name] === "function");
    assert.deepEqual(forms.sort(), names.flatMap((name) => [name, `${name}Output`]).sort());
  });

  it("serves as plugin invokes exactly the functions declared read-only", () => {
    const readOnly = FUNCTIONS.filter((fn) => !fn.spec.sideEffect).map((fn) => fn.spec.name);
    assert.deepEqual(Object.keys(READ_ONLY_FUNCTIONS).sort(), readOnly.sort());
  });

  for (const { spec } of FUNCTIONS) {
    it(`documents ${spec.name} as declared: read-only or side effect, convergence, sensitivity`, () => {
      // The name is a client method: its endpoint says whether the API key authorises the call.
      assert.ok(spec.name in ENDPOINTS, `${spec.name} is an endpoint of the client`);
      for (const form of [spec.name, `${spec.name}Output`]) {
        const doc = tsdoc.get(form) ?? "";
        if (spec.sideEffect) {
          assert.match(doc, convergence(spec.converges), `${form}: ${doc}`);
          assert.doesNotMatch(doc, /Read-only/, form);
        } else {
          assert.match(doc, /Runs in preview\. Read-only/, form);
        }
      }
      if (spec.sensitive) assert.match(tsdoc.get(spec.name) ?? "", /result sensitive/, spec.name);
    });

    it(`lists ${spec.name} in the README's function table as declared`, () => {
      const row = rows.get(spec.name);
      assert.ok(row, `a row for ${spec.name}`);
      const [, what, preview, secondRun] = row;
      assert.equal(preview, spec.sideEffect ? "unknown" : "runs");
      if (spec.sensitive) assert.match(what, /🔒/);
      if (spec.converges === "withMissingOk") assert.match(secondRun, /with `missingOk`/);
      if (spec.converges === false) assert.doesNotMatch(secondRun, /alreadyRunning|with `missingOk`/);
    });
  }
});
