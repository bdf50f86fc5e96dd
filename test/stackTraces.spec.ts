// A failing program's error is formatted at once: the frames of @pulumi/pulumi's root files keep their `.js`
// location instead of the `node_modules/@pulumi/<file>.ts` path their source maps point at, which Node's
// coloured `util.inspect` loops on (see provider/stackTraces.ts). Each case runs in a child process that
// installs source maps the way Pulumi's runner or ts-node does, then throws from `Config.require`.
// Needs `npm run build` (the package case loads dist/provider/index.js).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { declineEscapingSourceMap } from "../provider/stackTraces";

const ROOT = path.resolve(__dirname, "..");
const WORK = path.join(ROOT, ".work", "stack-traces");
const PRELOAD = path.join(ROOT, "scripts", "language-host", "stack-traces.js");
// The frame Pulumi's map makes of config.js, directly under the scope folder.
const ESCAPED_FRAME = /node_modules[\\/]@pulumi[\\/]config\.ts:/;
const REAL_FRAME = /node_modules[\\/]@pulumi[\\/]pulumi[\\/]config\.js:/;

const INSTALLERS = {
  "source-map-support, as Pulumi's runner installs it": 'require("source-map-support/register");',
  "ts-node's fork of it": 'require("@cspotcode/source-map-support").install();',
};

interface Outcome {
  readonly stack: string;
  readonly formatted: number;
}

/** Runs a program that installs source maps, optionally loads the workaround, throws and formats the error. */
function run(install: string, opts: { workaround: "none" | "package" | "preload" }): Promise<Outcome> {
  fs.mkdirSync(WORK, { recursive: true });
  const script = path.join(WORK, `program-${opts.workaround}.js`);
  const pkg = JSON.stringify(path.join(ROOT, "dist", "provider", "index.js"));
  fs.writeFileSync(
    script,
    [
      install,
      opts.workaround === "package" ? `require(${pkg});` : "",
      "let error;",
      'try { new (require("@pulumi/pulumi").Config)("proj").require("missing"); } catch (e) { error = e; }',
      // Only with the workaround: without it this is the call that does not come back.
      opts.workaround === "none"
        ? "const formatted = 0;"
        : 'const formatted = require("node:util").inspect(error, { colors: true }).length;',
      "process.stdout.write(JSON.stringify({ stack: error.stack, formatted }));",
    ].join("\n"),
  );
  const args = opts.workaround === "preload" ? ["--require", PRELOAD, script] : [script];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: WORK, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Outcome);
    });
  });
}

describe("stack traces of a failing program", function () {
  this.timeout(120_000);
  after(() => fs.rmSync(WORK, { recursive: true, force: true }));

  for (const [name, install] of Object.entries(INSTALLERS)) {
    describe(`with ${name}`, () => {
      it("would show @pulumi/pulumi's frames under the scope folder without the workaround", async () => {
        const { stack } = await run(install, { workaround: "none" });
        assert.match(stack, ESCAPED_FRAME);
      });

      it("keeps them at their .js location once pulumi-eyeson is imported, and formats the error in colour", async () => {
        const { stack, formatted } = await run(install, { workaround: "package" });
        assert.doesNotMatch(stack, ESCAPED_FRAME);
        assert.match(stack, REAL_FRAME);
        assert.ok(formatted > 0);
      });

      it("keeps them at their .js location in any program the stand-in language host starts", async () => {
        const { stack, formatted } = await run(install, { workaround: "preload" });
        assert.doesNotMatch(stack, ESCAPED_FRAME);
        assert.match(stack, REAL_FRAME);
        assert.ok(formatted > 0);
      });
    });
  }

  describe("the source map handler", () => {
    const scope = path.join(WORK, "node_modules", "@scope");
    const write = (file: string, map: object): string => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, "");
      fs.writeFileSync(`${file}.map`, JSON.stringify(map));
      return file;
    };

    it("declines a map whose source resolves directly into the scope folder", () => {
      const file = write(path.join(scope, "pkg", "output.js"), { version: 3, sources: ["../output.ts"] });
      assert.deepEqual(declineEscapingSourceMap(file)?.map, {
        version: 3,
        sources: [],
        names: [],
        mappings: "",
      });
    });

    it("leaves every other map to the library: inside the package, unscoped, or no map file", () => {
      const inside = write(path.join(scope, "pkg", "lib", "a.js"), { version: 3, sources: ["../src/a.ts"] });
      const unscoped = write(path.join(WORK, "node_modules", "pkg", "b.js"), {
        version: 3,
        sources: ["../b.ts"],
      });
      assert.equal(declineEscapingSourceMap(inside), null);
      assert.equal(declineEscapingSourceMap(unscoped), null);
      assert.equal(declineEscapingSourceMap(path.join(scope, "pkg", "none.js")), null);
    });
  });
});
