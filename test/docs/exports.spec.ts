// The package's public surface is provider/index.ts (its functions through `export *`); each name on it must be documented in
// README.md (a function's `…Output` twin and its `…Args`, `…OutputArgs` and `…Result` types by the README's
// rule for them), and each function of provider/functions/ must be on it.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import * as functions from "../../provider/functions";

const ROOT = path.resolve(__dirname, "..", "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The names provider/index.ts exports (after `as`, and through `export *`), read by the type checker. */
function publicNames(): string[] {
  const file = path.join(ROOT, "provider", "index.ts");
  const program = ts.createProgram([file], { strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const symbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  assert.ok(symbol, "provider/index.ts is a module");
  return checker.getExportsOfModule(symbol).map((exported) => exported.name);
}

/** Named anywhere in README.md: in a table, the prose or a code block. */
function documented(name: string): boolean {
  return new RegExp(`\\b${name}\\b`).test(README);
}

/** `fooBar` for `fooBarOutput`, `FooBarArgs`, `FooBarOutputArgs` and `FooBarResult`; undefined otherwise. */
function functionOf(name: string): string | undefined {
  const base = /^(.+?)(Output|OutputArgs|Args|Result)$/.exec(name)?.[1];
  if (base === undefined) return undefined;
  const fn = base[0].toLowerCase() + base.slice(1);
  return typeof (functions as Record<string, unknown>)[fn] === "function" ? fn : undefined;
}

describe("the public surface (provider/index.ts)", function () {
  this.timeout(60_000);
  const names = publicNames();

  it("is a list of more than 100 names, none twice", () => {
    assert.ok(names.length > 100, `${names.length} names`);
    assert.equal(new Set(names).size, names.length, "no name twice");
  });

  it("documents every name in README.md", () => {
    const missing = names.filter((name) => {
      if (documented(name)) return false;
      const fn = functionOf(name);
      return fn === undefined || !documented(fn);
    });
    assert.deepEqual(missing, []);
  });

  it("exports every function in both forms", () => {
    const fns = Object.keys(functions).filter(
      (n) => typeof (functions as Record<string, unknown>)[n] === "function",
    );
    assert.equal(fns.length, 76, "38 functions, each with its Output twin");
    assert.deepEqual(
      fns.filter((fn) => !names.includes(fn)),
      [],
    );
  });

  it("keeps internal helpers out", () => {
    for (const internal of [
      "redact",
      "resolveSettings",
      "DEFAULT_ENDPOINT",
      "EyesonApi",
      "closeClients",
      "ArgCheck",
    ]) {
      assert.equal(names.includes(internal), false, internal);
    }
  });
});
