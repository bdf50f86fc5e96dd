// What a user's `tsc` loads for `import * as eyeson from "pulumi-eyeson"`: the package's own declarations and
// @pulumi/pulumi's, which the program has anyway, but not undici's (about 80 files checked on every build).
// Needs `npm run build` (the import resolves to dist/).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..");
const WORK = path.join(ROOT, ".work", "declarations");

/** The files the compiler loads for a one-line program, with a Pulumi project's usual options. */
function loadedFiles(code: string): string[] {
  fs.mkdirSync(WORK, { recursive: true });
  const file = path.join(WORK, "index.ts");
  fs.writeFileSync(file, code);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: ["node"],
  });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  assert.deepEqual(problems, []);
  return program.getSourceFiles().map((f) => f.fileName);
}

describe("the package's public declarations", function () {
  this.timeout(120_000);
  after(() => fs.rmSync(WORK, { recursive: true, force: true }));

  it("keep undici's declarations out of a program that imports pulumi-eyeson", () => {
    const files = loadedFiles(
      'import * as eyeson from "pulumi-eyeson";\n' +
        'new eyeson.EyesonClient({ apiKey: "key", timeoutMs: 1000 });\n' +
        'new eyeson.Permalink("room", { user: { name: "Host" } });\n',
    );
    assert.ok(
      files.some((f) => f.includes("/dist/provider/")),
      "the package's declarations were loaded",
    );
    assert.deepEqual(
      files.filter((f) => /[/\\]node_modules[/\\]undici[/\\]/.test(f)),
      [],
    );
  });
});
