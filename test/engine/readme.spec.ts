// The README's programs and commands are exercised here, so the docs cannot drift from the code: every
// TypeScript block type-checks against the built package, the situation room runs through the real engine
// against the emulator, the quick start has every file and command a new project needs (test/engine/
// install.spec.ts runs it with the packed package), and the commands name scripts and controls that exist.
// Needs `npm run build` (the blocks import `pulumi-eyeson`, which resolves to dist/).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { INPUT_ROOM_OPTIONS, permalinkDefault } from "../../provider/roomOptions";
import { createEngineStack, requireCli, type EngineStack } from "./harness";
import { quickStartSteps } from "../package/quickstart";

const ROOT = path.resolve(__dirname, "..", "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const CONTRIBUTING = fs.readFileSync(path.join(ROOT, "CONTRIBUTING.md"), "utf8");
const REPOSITORY = "https://github.com/pulumi-eyeson/pulumi-eyeson";
const RAW_FILES = "https://raw.githubusercontent.com/pulumi-eyeson/pulumi-eyeson/main/";
const WORK = path.join(ROOT, ".work", "readme");

interface Block {
  readonly lang: string;
  readonly code: string;
}

function blocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map((m) => ({ lang: m[1], code: m[2] }));
}

const tsBlocks = blocks(README).filter((b) => b.lang === "ts");
const shellBlocks = blocks(README).filter((b) => b.lang === "bash");

/** Writes a block as a module of its own and returns its path. */
function writeBlock(name: string, code: string): string {
  fs.mkdirSync(WORK, { recursive: true });
  const file = path.join(WORK, `${name}.ts`);
  fs.writeFileSync(file, code.includes("export ") ? code : `${code}\nexport {};\n`);
  return file;
}

/** A program for the engine: the block's module, loaded afresh, whose exports become the stack outputs. */
function blockProgram(file: string): () => Promise<Record<string, unknown>> {
  return async () => {
    delete require.cache[require.resolve(file)];
    return { ...(require(file) as Record<string, unknown>) };
  };
}

function blockContaining(marker: string): Block {
  return tsBlocks.find((b) => b.code.includes(marker)) ?? assert.fail(`no README block contains ${marker}`);
}

describe("README", () => {
  after(() => fs.rmSync(WORK, { recursive: true, force: true }));

  it("type-checks every TypeScript block against the built package", () => {
    assert.ok(tsBlocks.length >= 3, "the README has its program blocks");
    const files = tsBlocks.map((b, i) => writeBlock(`block-${i}`, b.code));
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ["node"],
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    assert.deepEqual(problems, []);
  });

  it("documents every room option of the provider's option table with its wire name and a permalink's default", () => {
    for (const option of INPUT_ROOM_OPTIONS) {
      const row = new RegExp(`^\\| \`${option.name}\` \\| \`${option.wire}\` \\| (.+) \\|$`, "m").exec(
        README,
      );
      assert.ok(row, `README lists ${option.name}`);
      const value = permalinkDefault(option);
      const shown = value === null ? "none" : `\`${JSON.stringify(value)}\``;
      assert.ok(row[1].startsWith(shown), `${option.name}: README says ${row[1]}, the table ${shown}`);
    }
  });

  it("gives a contributor the two commands first: the main job and the tests", () => {
    const first = shellBlocks[0]?.code ?? assert.fail("no bash block");
    assert.match(first, /^npm install && npm run demo\b/m);
    assert.match(first, /^npm test\b/m);
    assert.ok(README.indexOf(first) < README.indexOf("\n## "), "before the first section");
    assert.ok(README.includes(`${REPOSITORY}/blob/main/CONTRIBUTING.md`), "and points to CONTRIBUTING.md");
  });

  it("names only npm scripts that package.json defines, here and in CONTRIBUTING.md", () => {
    const scripts = (
      JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    const named = [...`${README}\n${CONTRIBUTING}`.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]);
    assert.ok(named.includes("demo"));
    for (const script of named) assert.ok(scripts[script], `npm run ${script} is not defined`);
    assert.ok(fs.existsSync(path.join(ROOT, "scripts", "install-pulumi.sh")));
  });

  it("links into the repository with absolute URLs, which also work on the npm page", () => {
    const links = [...README.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(links.length > 0);
    assert.deepEqual(
      links.filter((link) => !/^(https?:\/\/|#)/.test(link)),
      [],
    );
    for (const link of links.filter((l) => l.startsWith(`${REPOSITORY}/`))) {
      const local = /^https:\/\/github\.com\/pulumi-eyeson\/pulumi-eyeson\/(?:blob|tree)\/main\/(.+)$/.exec(
        link,
      );
      assert.ok(local, `${link} points at the main branch`);
      assert.ok(fs.existsSync(path.join(ROOT, local[1])), `${link}: ${local[1]} exists in the repository`);
    }
    // Images come from the raw file (a blob page is HTML), e.g. the dashboard's screenshot.
    for (const link of links.filter((l) => l.startsWith(RAW_FILES))) {
      const file = link.slice(RAW_FILES.length);
      assert.ok(fs.existsSync(path.join(ROOT, file)), `${link}: ${file} exists in the repository`);
    }
  });

  it("starts the quick start from an empty folder and has every file and step a new project needs", () => {
    const steps = quickStartSteps(README);
    const files = steps.flatMap((s) => (s.kind === "file" ? [s.name] : []));
    assert.deepEqual(files.sort(), [
      "Pulumi.dev.yaml",
      "Pulumi.prod.yaml",
      "Pulumi.staging.yaml",
      "Pulumi.yaml",
      "index.ts",
      "package.json",
      "tsconfig.json",
    ]);
    const commands = steps.flatMap((s) => (s.kind === "command" ? [s.line] : []));
    const order = [
      /^mkdir /,
      /^npm install .*\bpulumi-eyeson\b/,
      /^pulumi login --local$/,
      /^pulumi stack init dev$/,
      /^npx pulumi-eyeson-emulator --port 8787 --api-key \S+ --data \S+$/,
      /^pulumi config set eyeson:endpoint http:\/\/127\.0\.0\.1:8787$/,
      /^pulumi config set --secret eyeson:apiKey \S+$/,
      /^pulumi up$/,
    ].map((pattern) => commands.findIndex((c) => pattern.test(c)));
    assert.ok(!order.includes(-1), `every step is there: ${commands.join(" | ")}`);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
      "in this order",
    );
    // A fixed key: the stack is configured with the key the emulator is started with, nothing to copy.
    const fixedKey = commands.map((c) => /--api-key (\S+)/.exec(c)?.[1]).find((k) => k !== undefined);
    assert.ok(
      commands.includes(`pulumi config set --secret eyeson:apiKey ${fixedKey}`),
      "the same fixed key",
    );
    const program = steps.find((s) => s.kind === "file" && s.name === "index.ts");
    assert.match(program?.kind === "file" ? program.content : "", /permalink: warRoom,/);
    assert.match(
      (steps.find((s) => s.kind === "file" && s.name === "tsconfig.json") as { content: string }).content,
      /"moduleResolution": "node"/,
      "Pulumi's TypeScript template settings",
    );
  });

  describe("commands against the emulator", () => {
    let emulator: EmulatorHandle;
    before(async () => (emulator = await startEmulator({ strict: true })));
    after(async () => emulator.close());

    it("injects the fault its curl command describes: the next POST /permalink answers 429 with Retry-After", async () => {
      const curl = shellBlocks.map((b) => b.code).find((c) => c.includes("/__emulator/faults"));
      const [, target, body] =
        /curl -X POST (\S+) -d '([^']+)'/.exec(curl ?? "") ?? assert.fail("no curl line");
      const url = new URL(target.replace(/^[^/]*/, emulator.url));
      const set = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
      assert.ok(set.ok, `the control answered ${set.status}`);
      const res = await fetch(`${emulator.url}/permalink`, {
        method: "POST",
        headers: { authorization: emulator.apiKey, "content-type": "application/json" },
        body: JSON.stringify({ user: { name: "Host" } }),
      });
      await res.arrayBuffer();
      assert.equal(res.status, 429);
      assert.equal(res.headers.get("retry-after"), "1");
    });
  });

  describe("programs through the real engine", function () {
    this.timeout(240_000);
    let emulator: EmulatorHandle;
    let stack: EngineStack | undefined;

    before(async function () {
      requireCli(this);
      emulator = await startEmulator({ strict: true });
    });
    afterEach(async () => {
      // The situation room leaves its meeting running, and a destroy refuses to end it unless allowed.
      if (stack) stack.stack.workspace.envVars.EYESON_LIVE_MEETINGS = "allow";
      await stack?.destroy();
      await stack?.dispose();
      stack = undefined;
    });
    after(async () => emulator?.close());

    it("runs the situation room: the meeting starts with its layout, layer, chat message and recording", async () => {
      const file = writeBlock("situation-room", blockContaining("startPermalinkMeetingOutput").code);
      stack = await createEngineStack({
        program: blockProgram(file),
        emulatorUrl: emulator.url,
        apiKey: emulator.apiKey,
      });
      emulator.requests.clear();
      const up = await stack.up();
      assert.equal(up.outputs.recordingAlreadyRunning?.value, false);
      assert.equal(up.outputs.roomId?.secret, false);
      const routes = emulator.requests.list().map((r) => r.route);
      for (const route of [
        "POST /permalink/:userToken",
        "POST /rooms/:accessKey/layout",
        "POST /rooms/:accessKey/layers",
        "POST /rooms/:accessKey/messages",
        "POST /rooms/:accessKey/recording",
      ]) {
        assert.ok(routes.includes(route), `${route} was not called`);
      }

      emulator.requests.clear();
      const again = await stack.up();
      assert.equal(again.outputs.recordingAlreadyRunning?.value, true, "a second run finds it recording");
      const second = emulator.requests.list().map((r) => r.route);
      assert.ok(!second.includes("POST /rooms/:accessKey/messages"), "no second chat message");
    });
  });
});
