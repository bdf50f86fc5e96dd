// "Add one output" is one edit: in a scratch copy of the repository, one property added to the Permalink's
// declaration (provider/resources/declarations.ts) and `npm run schema` make the TypeScript types, the class's
// fields, the outputs it registers, schema.json and the plugin's secret outputs follow, with no other edit.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
/** What the scratch copy needs to generate, typecheck and run the resource and plugin modules. */
const COPIED = [
  "provider",
  "plugin",
  "cli",
  "scripts/schema",
  "package.json",
  ".prettierrc.json",
  "README.md",
  "schema.json",
];

/** The one edit: a secret output declared next to the Permalink's `userToken`. */
const NEW_OUTPUT =
  '    meetingCode: { role: "output", type: "string", secret: true, description: "Secret: the code of the room." },\n';

const PROGRAM = `import type * as pulumi from "@pulumi/pulumi";
import type { Permalink, PermalinkOutputs } from "./provider/resources/permalink";
export function read(room: Permalink): pulumi.Output<string> {
  return room.meetingCode;
}
export const state: PermalinkOutputs = { user: { name: "Host" }, meetingCode: "c0de" };
`;

const PROBE = `
const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setMocks({ newResource: (args) => ({ id: "id", state: args.inputs }), call: () => ({}) });
const { Permalink } = require("./provider/resources/permalink");
const { pluginResources } = require("./plugin/resources");
const room = new Permalink("room", { user: { name: "Host" } });
setTimeout(() => {
  const registered = pulumi.Output.isInstance(room.meetingCode);
  const secrets = pluginResources().get("eyeson:index:Permalink").secretOutputs;
  process.stdout.write(JSON.stringify({ registered, secrets }));
  process.exit(0);
}, 300);
`;

function run(
  cwd: string,
  args: readonly string[],
): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, PULUMI_TEST_MODE: "true" },
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

/** The compiler's complaints about program.ts in `dir` (an empty list when it typechecks). */
function typecheck(dir: string): string[] {
  try {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.json"], {
      cwd: dir,
      encoding: "utf8",
    });
    return [];
  } catch (err) {
    return String((err as { stdout?: string }).stdout)
      .split("\n")
      .filter((line) => line.includes("error TS"));
  }
}

describe("adding an output to a resource declaration", function () {
  this.timeout(180_000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "eyeson-add-output-"));
    for (const entry of COPIED) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    fs.writeFileSync(path.join(dir, "program.ts"), PROGRAM);
    const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")) as {
      compilerOptions: Record<string, unknown>;
    };
    fs.writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { ...tsconfig.compilerOptions, noEmit: true, types: ["node"] },
        files: ["program.ts"],
      }),
    );
    const declarations = path.join(dir, "provider", "resources", "declarations.ts");
    const text = fs.readFileSync(declarations, "utf8");
    const at = text.indexOf("    userToken: {");
    assert.ok(at > 0, "the Permalink's userToken is declared");
    fs.writeFileSync(declarations, text.slice(0, at) + NEW_OUTPUT + text.slice(at));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("leaves the generated files stale until `npm run schema` runs, and the check says which", () => {
    assert.ok(
      typecheck(dir).some((line) => /meetingCode/.test(line)),
      "the program does not typecheck yet",
    );
    const check = run(dir, ["scripts/schema/index.ts", "--check"]);
    assert.equal(check.status, 1);
    assert.match(
      check.stderr,
      /schema\.json, provider\/resources\/declaredTypes\.ts differ from a fresh generation/,
    );
  });

  it("then has the output in the types, the class, the schema and the plugin, with no other edit", () => {
    assert.equal(run(dir, ["scripts/schema/index.ts"]).status, 0);
    assert.equal(run(dir, ["scripts/schema/index.ts", "--check"]).status, 0);
    assert.deepEqual(typecheck(dir), []);
    const schema = JSON.parse(fs.readFileSync(path.join(dir, "schema.json"), "utf8")) as {
      resources: Record<
        string,
        { properties: Record<string, unknown>; inputProperties: Record<string, unknown> }
      >;
    };
    const permalink = schema.resources["eyeson:index:Permalink"];
    assert.deepEqual(permalink.properties.meetingCode, {
      type: "string",
      description: "Secret: the code of the room.",
      secret: true,
    });
    assert.equal(permalink.inputProperties.meetingCode, undefined);
    const probe = run(dir, ["-e", PROBE]);
    assert.equal(probe.status, 0, probe.stderr);
    const { registered, secrets } = JSON.parse(probe.stdout) as { registered: boolean; secrets: string[] };
    assert.ok(registered, "the class registers the output with the engine (an Output field)");
    assert.ok(secrets.includes("meetingCode"), "the plugin returns it as a secret");
  });
});
