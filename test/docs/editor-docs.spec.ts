// What an editor shows while a user types `new eyeson.Permalink(` or `eyeson.startRecordingOutput(`: the TSDoc of
// the declarations the package ships (dist/**/*.d.ts). Each resource constructor and each function has a
// summary, an example that uses it, and a `@param` for every parameter.
// Needs `npm run build` (it reads the emitted declarations).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..");
const ENTRY = path.join(ROOT, "dist", "provider", "index.d.ts");

interface Documented {
  readonly name: string;
  readonly declaration: ts.SignatureDeclaration;
}

/** The package's exported resource constructors and functions, as the emitted declarations declare them. */
function exportedSignatures(): { constructors: Documented[]; functions: Documented[] } {
  const program = ts.createProgram([ENTRY], { strict: true, noEmit: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(ENTRY) ?? assert.fail(`${ENTRY} is missing: run npm run build`);
  const moduleSymbol = checker.getSymbolAtLocation(source) ?? assert.fail("no module symbol");
  const constructors: Documented[] = [];
  const functions: Documented[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    for (const declaration of symbol.declarations ?? []) {
      if (ts.isFunctionDeclaration(declaration)) functions.push({ name: exported.name, declaration });
      if (!ts.isClassDeclaration(declaration)) continue;
      const heritage = declaration.heritageClauses?.map((h) => h.getText()).join(" ") ?? "";
      // Pulumi resources: what a user declares with `new` in a program.
      if (!/\b(?:dynamic\.Resource|ProviderResource)\b/.test(heritage)) continue;
      const ctor = declaration.members.find(ts.isConstructorDeclaration);
      if (ctor) constructors.push({ name: exported.name, declaration: ctor });
    }
  }
  return { constructors, functions };
}

function tagsOf(declaration: ts.SignatureDeclaration): { summary: string; tags: readonly ts.JSDocTag[] } {
  const doc = ts.getJSDocCommentsAndTags(declaration).find(ts.isJSDoc);
  const summary =
    typeof doc?.comment === "string" ? doc.comment : (doc?.comment?.map((c) => c.text).join("") ?? "");
  return { summary, tags: ts.getJSDocTags(declaration) };
}

function assertDocumented({ name, declaration }: Documented, call: RegExp): void {
  const { summary, tags } = tagsOf(declaration);
  assert.ok(summary.trim().length > 20, `${name} has a summary`);
  const params = new Set(tags.filter(ts.isJSDocParameterTag).map((t) => t.name.getText()));
  for (const parameter of declaration.parameters) {
    assert.ok(params.has(parameter.name.getText()), `${name}: @param ${parameter.name.getText()}`);
  }
  const example = tags.find((t) => t.tagName.text === "example");
  assert.ok(example, `${name} has an @example`);
  const text = typeof example.comment === "string" ? example.comment : "";
  assert.match(text, call, `${name}'s example uses it`);
}

describe("editor docs of the shipped declarations", function () {
  this.timeout(120_000);
  const { constructors, functions } = exportedSignatures();

  it("finds the resource constructors and the 76 functions", () => {
    assert.deepEqual(constructors.map((c) => c.name).sort(), [
      "EyesonAccount",
      "Permalink",
      "PermalinkHost",
      "Webhook",
    ]);
    assert.equal(
      functions.filter((f) => /^[a-z]/.test(f.name) && f.name !== "verifyWebhookSignature").length,
      76,
    );
  });

  for (const ctor of constructors) {
    it(`documents new eyeson.${ctor.name}(name, args, opts) with a summary, an example and every @param`, () => {
      assertDocumented(ctor, new RegExp(`new eyeson\\.${ctor.name}\\(`));
    });
  }

  it("documents every function, Promise and Output form, with a summary, an example and every @param", () => {
    for (const fn of functions) assertDocumented(fn, new RegExp(`eyeson\\.${fn.name}\\(`));
  });

  it("has the functions' @param and @example parts as scripts/function-docs.ts derives them", () => {
    execFileSync(
      process.execPath,
      [require.resolve("ts-node/dist/bin"), "--transpile-only", "scripts/function-docs.ts", "--check"],
      { cwd: ROOT, stdio: "pipe" },
    );
  });
});
