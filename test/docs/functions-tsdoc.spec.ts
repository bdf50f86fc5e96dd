// Every function's editor documentation says what a pipeline needs to know before calling it: whether it is
// read-only (and runs in a preview) or has a side effect, and then whether a second run converges.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as functions from "../../provider/functions";

const DIR = path.resolve(__dirname, "..", "..", "provider", "functions");

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

describe("functions' documentation in the editor", () => {
  const all = docs();
  const exported = Object.keys(functions).filter(
    (name) => typeof (functions as Record<string, unknown>)[name] === "function",
  );

  it("documents every exported function", () => {
    for (const name of exported) assert.ok(all.has(name), `${name} has TSDoc`);
    assert.equal(exported.length, 76);
  });

  for (const name of exported) {
    it(`says whether ${name} is read-only or has a side effect, and whether a second run converges`, () => {
      const doc = all.get(name) ?? "";
      if (/Read-only/.test(doc)) {
        assert.match(doc, /Runs in preview/);
        return;
      }
      assert.match(doc, /\(side effect[,;] (?:convergent|not convergent)/, doc);
      assert.match(doc, /Preview: (?:rejects|unknown, no request)/);
      assert.match(doc, /Second run: /);
    });
  }
});
