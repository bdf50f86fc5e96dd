// The package as a user gets it: the tarball of `npm pack`, installed into an empty folder outside the
// repository, then used the way README.md says. The quick start is read from README.md itself (see
// quickstart.ts), so the two cannot drift, and runs through the real Pulumi CLI with these substitutions:
//   - `npm install … pulumi-eyeson` installs the packed tarball; `@pulumi/pulumi` is pinned to the version
//     this repository tests with, so the spec does not change when a new release appears;
//   - `npx pulumi-eyeson-emulator --port 8787 …` (the README's second terminal) runs in the background on a
//     free port (`--port 0`: the machine is shared), and the URL it prints replaces `http://127.0.0.1:8787`
//     (and a printed key `<the key the emulator printed>`, should the README use one); after the quick start
//     it is stopped and started again with the same line (and port), whose `--data` must keep the stack's
//     rooms and key, so a refresh finds nothing changed;
//   - `pulumi …` runs with `--non-interactive`, and `pulumi up` with `--yes` (a terminal would ask);
//   - `pulumi login --local` logs in to a file backend in a temporary folder instead: `--local` means the
//     user's home directory (from the user database, not $HOME), and a test must never write ~/.pulumi;
//     PULUMI_BACKEND_URL points every command there too, and PULUMI_HOME is temporary as well;
//   - `cd` and `export` change the working directory and environment of the commands after them.
// Then: the emulator bin's usage, `npx pulumi-eyeson adopt` on the account the quick start filled, its program
// through `pulumi up` and `preview --expect-no-changes`, and the documented imports type-checked under
// moduleResolution node (Pulumi's template), node16 and bundler.
import assert from "node:assert/strict";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import YAML from "yaml";
import { cliStatus, offlineEngineEnv, requireCli } from "./harness";
import { startDynamicProviderHost } from "../grpc/host";
import { packedTarball } from "../package/tarball";
import { quickStartSteps, type QuickStartStep } from "../package/quickstart";

const ROOT = path.resolve(__dirname, "..", "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const PULUMI_VERSION = (
  JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }
).version;
const COMMAND_TIMEOUT_MS = 300_000;
const EMULATOR_START_TIMEOUT_MS = 30_000;
const README_ENDPOINT = "http://127.0.0.1:8787";
const README_KEY = "<the key the emulator printed>";

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe("the packed package, installed into an empty folder", function () {
  this.timeout(COMMAND_TIMEOUT_MS * 3);

  let root: string;
  let cwd: string;
  let env: NodeJS.ProcessEnv;
  let tarballFile: string;
  let emulator: { process: ChildProcess; output: () => string; exited: Promise<number | null> } | undefined;
  let endpoint: string | undefined;
  let apiKey: string | undefined;
  let emulatorLine: string | undefined;
  let project: string | undefined;
  let backendDir: string;

  function sh(command: string, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
    return new Promise((resolve) => {
      execFile(
        "bash",
        ["-c", command],
        {
          cwd: options.cwd ?? cwd,
          env: options.env ?? env,
          timeout: COMMAND_TIMEOUT_MS,
          maxBuffer: 64 << 20,
        },
        (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
      );
    });
  }

  async function ok(command: string, options?: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<Run> {
    const run = await sh(command, options);
    assert.equal(run.code, 0, `\`${command}\` failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
    return run;
  }

  /** The emulator bin in the background, as in the README's second terminal; resolves its URL and key. */
  async function startEmulatorBin(line: string, port = 0): Promise<void> {
    emulatorLine = line;
    const args = line
      .replace(/--port \d+/, `--port ${port}`)
      .split(/\s+/)
      .slice(1);
    // Its own process group, so stopping it stops npx's child too.
    const child = spawn("npx", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    emulator = { process: child, output: () => output, exited };
    const deadline = Date.now() + EMULATOR_START_TIMEOUT_MS;
    let match: RegExpExecArray | null = null;
    while (Date.now() < deadline && child.exitCode === null) {
      match = /listening on (http:\/\/127\.0\.0\.1:\d+)\nAPI key: (\S+)/.exec(output);
      if (match) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(match, `the emulator bin printed no URL and key:\n${output}`);
    [, endpoint, apiKey] = match;
  }

  async function runStep(step: QuickStartStep): Promise<void> {
    if (step.kind === "file") {
      fs.writeFileSync(path.join(cwd, step.name), step.content);
      return;
    }
    const line = step.line;
    const cd = /^cd (\S+)$/.exec(line);
    const exported = /^export (\w+)=(?:"([^"]*)"|'([^']*)'|(\S*))$/.exec(line);
    if (cd) {
      cwd = path.resolve(cwd, cd[1]);
      assert.ok(fs.statSync(cwd).isDirectory(), `cd ${cd[1]}: no such folder`);
    } else if (exported) {
      env = { ...env, [exported[1]]: exported[2] ?? exported[3] ?? exported[4] };
    } else if (line.startsWith("npx pulumi-eyeson-emulator")) {
      await startEmulatorBin(line);
    } else {
      await ok(substitute(line));
    }
  }

  function substitute(line: string): string {
    let command = line;
    if (command.startsWith("npm install ")) {
      command = command
        .replace(/(?<=\s)pulumi-eyeson(?=\s|$)/, JSON.stringify(tarballFile))
        .replace(/(?<=\s)@pulumi\/pulumi(?=\s|$)/, `@pulumi/pulumi@${PULUMI_VERSION}`);
    }
    if (command === "pulumi login --local") command = `pulumi login ${env.PULUMI_BACKEND_URL}`;
    if (command.startsWith("pulumi ")) {
      command += /^pulumi (up|destroy)\b/.test(command) ? " --yes --non-interactive" : " --non-interactive";
    }
    if (command.includes(README_ENDPOINT) || command.includes(README_KEY)) {
      assert.ok(endpoint && apiKey, "the README uses the emulator before starting it");
      command = command.replaceAll(README_ENDPOINT, endpoint).replaceAll(README_KEY, apiKey);
    }
    assert.doesNotMatch(command, /<[^>]+>/, `the spec cannot fill in a placeholder of \`${line}\``);
    return command;
  }

  /** GET on the emulator with the account's key. */
  async function api(route: string): Promise<unknown> {
    const res = await fetch(`${endpoint}${route}`, { headers: { authorization: apiKey ?? "" } });
    assert.equal(res.status, 200, `GET ${route}`);
    return res.json();
  }

  before(async function () {
    requireCli(this);
    const cliBin = cliStatus().bin ?? assert.fail("no Pulumi CLI");
    tarballFile = (await packedTarball()).file;
    root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-eyeson-install-"));
    const home = path.join(root, "home");
    fs.mkdirSync(home);
    cwd = fs.mkdtempSync(path.join(root, "empty-"));
    // The commands run as in a fresh shell: npm's variables of an outer `npm test` would point npm at this
    // repository, so they are dropped; the npm cache and user config stay the machine's.
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== "INIT_CWD"),
    );
    backendDir = path.join(root, "backend");
    fs.mkdirSync(backendDir);
    env = {
      ...inherited,
      ...offlineEngineEnv({ cliBin, backendDir, pulumiHome: path.join(home, ".pulumi") }),
      // The README's `export` sets the passphrase.
      PULUMI_CONFIG_PASSPHRASE: undefined,
      HOME: home,
      npm_config_cache: process.env.npm_config_cache ?? path.join(os.homedir(), ".npm"),
      npm_config_userconfig: path.join(os.homedir(), ".npmrc"),
    };
  });

  after(async () => {
    if (emulator && emulator.process.exitCode === null && emulator.process.pid !== undefined) {
      process.kill(-emulator.process.pid, "SIGTERM");
      await emulator.exited;
    }
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it("runs the README's quick start from an empty folder: files, install, login, stack init, emulator, up", async () => {
    const steps = quickStartSteps(README);
    assert.deepEqual(fs.readdirSync(cwd), [], "the folder starts empty");
    for (const step of steps) await runStep(step);
    project = cwd;

    const outputs = JSON.parse((await ok("pulumi stack output --json --non-interactive")).stdout) as Record<
      string,
      unknown
    >;
    assert.equal(outputs.guestLink, "[secret]");
    const page = (await api("/permalink")) as {
      items: Array<{ permalink: { id: string }; room: { name: string } }>;
    };
    assert.deepEqual(
      page.items.map((p) => [p.permalink.id, p.room.name]),
      [[outputs.permalinkId, "Dev war room"]],
      "the dev stack's room, named by Pulumi.dev.yaml",
    );
    const hook = (await api("/webhooks")) as { url: string };
    assert.equal(hook.url, "https://incidents.dev.example.com/hooks/eyeson");
    assert.ok(
      fs.existsSync(path.join(backendDir, ".pulumi", "stacks", "eyeson-rooms", "dev.json")),
      "the stack lives in the test's own backend",
    );
    await ok("pulumi preview --expect-no-changes --non-interactive");
  });

  it("gives staging and prod the settings dev has, so their stacks run the same program", () => {
    const keys = (file: string): string[] =>
      Object.keys(
        (
          YAML.parse(fs.readFileSync(path.join(project ?? assert.fail("no project"), file), "utf8")) as {
            config: Record<string, unknown>;
          }
        ).config,
      )
        .filter((key) => key.startsWith("eyeson-rooms:"))
        .sort();
    assert.deepEqual(keys("Pulumi.staging.yaml"), keys("Pulumi.dev.yaml"));
    assert.deepEqual(keys("Pulumi.prod.yaml"), keys("Pulumi.dev.yaml"));
  });

  it("restarts the quick start's emulator with the same line: its --data keeps the key and rooms, a refresh changes nothing", async () => {
    const dir = project ?? assert.fail("the quick start did not run");
    const running = emulator ?? assert.fail("the emulator bin is not running");
    const line = emulatorLine ?? assert.fail("the quick start started no emulator");
    assert.match(line, /--data /, "the README's emulator keeps its state");
    const [before, key] = [endpoint ?? assert.fail("no endpoint"), apiKey];
    process.kill(-(running.process.pid ?? assert.fail("no pid")), "SIGINT");
    await running.exited;
    assert.match(running.output(), /State: kept in /);
    await startEmulatorBin(line, Number(new URL(before).port));
    assert.equal(endpoint, before);
    assert.equal(apiKey, key, "the same key after the restart");
    await ok("pulumi refresh --yes --expect-no-changes --non-interactive", { cwd: dir });
    await ok("pulumi preview --expect-no-changes --non-interactive", { cwd: dir });
  });

  it("checks the quick start's account with `npx pulumi-eyeson doctor`: every assumption it needs holds, no key printed", async () => {
    const dir = project ?? assert.fail("the quick start did not run");
    const doctorEnv = { ...env, EYESON_API_KEY: apiKey, EYESON_API_ENDPOINT: endpoint };
    const run = await ok("npx pulumi-eyeson doctor", { cwd: dir, env: doctorEnv });
    assert.match(run.stdout, /^holds {5}the API key works/m);
    assert.match(run.stdout, /Every assumption pulumi-eyeson needs holds\.$/m);
    assert.ok(!(run.stdout + run.stderr).includes(apiKey ?? "?"), "the key was printed");
  });

  it("runs the emulator bin from dist/, with usage text that names it", async () => {
    const dir = project ?? assert.fail("the quick start did not run");
    const help = await ok("npx pulumi-eyeson-emulator --help", { cwd: dir });
    assert.match(help.stdout, /^Usage: pulumi-eyeson-emulator \[options\]/);
    assert.doesNotMatch(help.stdout, /npm run/);
    const bin = fs.realpathSync(path.join(dir, "node_modules", ".bin", "pulumi-eyeson-emulator"));
    assert.equal(
      path.relative(path.join(dir, "node_modules", "pulumi-eyeson"), bin),
      path.join("dist", "emulator", "cli.js"),
    );
    assert.ok(
      !fs.existsSync(path.join(dir, "node_modules", "pulumi-eyeson", "emulator")),
      "no sources installed",
    );
  });

  it("serves the dashboard whose URL the emulator bin printed, from the installed package", async () => {
    const running = emulator ?? assert.fail("the emulator bin is not running");
    const printed = /^Dashboard: (\S+)$/m.exec(running.output()) ?? assert.fail("no dashboard URL printed");
    assert.equal(printed[1], `${endpoint}/__emulator/dashboard`);
    for (const file of ["", "/app.js", "/controls.js", "/dom.js", "/style.css"]) {
      const res = await fetch(`${printed[1]}${file}`);
      assert.equal(res.status, 200, `GET ${printed[1]}${file}`);
    }
    const state = (await (await fetch(`${endpoint}/__emulator/state`)).json()) as { accounts: unknown[] };
    assert.equal(state.accounts.length, 1);
  });

  it("installs pulumi-resource-eyeson, which starts from node_modules/.bin and serves the packed schema.json", async () => {
    const dir = project ?? assert.fail("the quick start did not run");
    const installed = path.join(dir, "node_modules", "pulumi-eyeson");
    const bin = path.join(dir, "node_modules", ".bin", "pulumi-resource-eyeson");
    assert.equal(path.relative(installed, fs.realpathSync(bin)), path.join("dist", "plugin", "main.js"));
    const plugin = await startDynamicProviderHost({ command: [bin], cwd: dir });
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as {
        version: string;
      };
      assert.equal(await plugin.version(), manifest.version);
      assert.equal(await plugin.schema(), fs.readFileSync(path.join(installed, "schema.json"), "utf8"));
    } finally {
      await plugin.close();
    }
  });

  it("makes the plugin archive with `npx pulumi-eyeson plugin-archive`, whose launcher serves the plugin on its own", async () => {
    const dir = project ?? assert.fail("the quick start did not run");
    const made = await ok("npx pulumi-eyeson plugin-archive --out archive", { cwd: dir });
    const archive = made.stdout.trim();
    assert.match(made.stderr, /pulumi plugin install resource eyeson \S+ --file /);
    // Unpacked apart from the project, as `pulumi plugin install --file` unpacks it into the plugin cache.
    const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-eyeson-plugin-"));
    try {
      await ok(`tar -xzf ${JSON.stringify(archive)} -C ${JSON.stringify(unpacked)}`, { cwd: dir });
      const plugin = await startDynamicProviderHost({
        command: [path.join(unpacked, "pulumi-resource-eyeson")],
        cwd: unpacked,
      });
      try {
        const installed = path.join(dir, "node_modules", "pulumi-eyeson");
        assert.equal(await plugin.schema(), fs.readFileSync(path.join(installed, "schema.json"), "utf8"));
      } finally {
        await plugin.close();
      }
    } finally {
      fs.rmSync(unpacked, { recursive: true, force: true });
    }
  });

  it("adopts the account with `npx pulumi-eyeson adopt`: its program's up creates nothing and a preview has no changes", async () => {
    const dir = project ?? assert.fail("the quick start did not run");
    // The quick start's rooms stand for an account that has rooms already.
    const before = (await api("/permalink")) as { items: Array<{ permalink: { id: string } }> };
    assert.equal(before.items.length, 1);

    const adoptEnv = { ...env, EYESON_API_KEY: apiKey, EYESON_API_ENDPOINT: endpoint };
    const adopted = await ok("npx pulumi-eyeson adopt", { cwd: dir, env: adoptEnv });
    assert.match(adopted.stdout, new RegExp(`adoptId: "${before.items[0].permalink.id}"`));
    assert.match(adopted.stdout, /adoptExisting: true/);
    assert.ok(!(adopted.stdout + adopted.stderr).includes(apiKey ?? "?"), "the key was printed");

    // A second project beside the first, sharing its node_modules, with the printed program as index.ts.
    const second = path.join(dir, "adopted");
    fs.mkdirSync(second);
    fs.writeFileSync(path.join(second, "index.ts"), adopted.stdout);
    fs.writeFileSync(path.join(second, "Pulumi.yaml"), "name: eyeson-adopted\nruntime: nodejs\n");
    fs.writeFileSync(
      path.join(second, "package.json"),
      JSON.stringify({ name: "eyeson-adopted", main: "index.ts" }),
    );
    fs.copyFileSync(path.join(dir, "tsconfig.json"), path.join(second, "tsconfig.json"));
    await ok("pulumi stack init dev --non-interactive", { cwd: second });
    await ok(`pulumi config set eyeson:endpoint ${endpoint} --non-interactive`, { cwd: second });
    await ok(`pulumi config set --secret eyeson:apiKey ${apiKey} --non-interactive`, { cwd: second });
    await fetch(`${endpoint}/__emulator/requests`, { method: "DELETE" });
    await ok("pulumi up --yes --non-interactive", { cwd: second });
    const routes = (
      (await (await fetch(`${endpoint}/__emulator/requests`)).json()) as Array<{ route: string }>
    ).map((r) => r.route);
    assert.ok(!routes.includes("POST /permalink"), `no permalink was created: ${routes.join(", ")}`);
    assert.ok(!routes.includes("POST /webhooks"), "the webhook was not registered again");
    const after = (await api("/permalink")) as { items: Array<{ permalink: { id: string } }> };
    assert.deepEqual(
      after.items.map((p) => p.permalink.id),
      before.items.map((p) => p.permalink.id),
      "no duplicate",
    );
    await ok("pulumi preview --expect-no-changes --non-interactive", { cwd: second });
  });

  for (const [resolution, module] of [
    ["node", "commonjs"],
    ["node16", "node16"],
    ["bundler", "esnext"],
  ] as const) {
    it(`type-checks the documented imports (pulumi-eyeson, pulumi-eyeson/emulator) with moduleResolution ${resolution}`, async () => {
      const dir = project ?? assert.fail("the quick start did not run");
      const check = path.join(dir, "imports");
      fs.mkdirSync(check, { recursive: true });
      fs.writeFileSync(
        path.join(check, "imports.ts"),
        [
          'import * as pulumi from "@pulumi/pulumi";',
          'import * as eyeson from "pulumi-eyeson";',
          'import { startEmulator, type EmulatorHandle } from "pulumi-eyeson/emulator";',
          "",
          "export async function documented(): Promise<pulumi.Output<string>> {",
          "  const emulator: EmulatorHandle = await startEmulator({ seed: 1 });",
          "  await emulator.close();",
          '  const room = new eyeson.Permalink("room", { user: { name: "Host" }, options: { widescreen: true } });',
          "  const page = await eyeson.listPermalinks({ all: true });",
          "  return room.permalinkId.apply((id) => `${id}/${page.total}/${emulator.url}`);",
          "}",
          "",
        ].join("\n"),
      );
      const tsconfig = `tsconfig.${resolution}.json`;
      fs.writeFileSync(
        path.join(check, tsconfig),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: "es2020",
            module,
            moduleResolution: resolution,
            types: ["node"],
          },
          files: ["imports.ts"],
        }),
      );
      const run = await sh(`npx tsc -p ${tsconfig}`, { cwd: check });
      assert.equal(run.code, 0, run.stdout + run.stderr);
    });
  }

  it("needs @pulumi/policy only for pulumi-eyeson/policy's types, which resolve under node, node16 and bundler", async () => {
    const dir = project ?? assert.fail("the quick start did not run");
    // The quick start ran without @pulumi/policy (an optional peer dependency), and even the rules load without it.
    const load = await ok(
      `node -e 'require("pulumi-eyeson"); const p = require("pulumi-eyeson/policy");` +
        ` console.log(p.webhookUrlPolicy({ allowedHosts: ["a.example.com"] }).name);` +
        ` try { require.resolve("@pulumi/policy"); } catch { console.log("no @pulumi/policy"); }'`,
      { cwd: dir },
    );
    assert.equal(load.stdout, "eyeson-webhook-url\nno @pulumi/policy\n");

    const version = (
      JSON.parse(fs.readFileSync(require.resolve("@pulumi/policy/package.json"), "utf8")) as {
        version: string;
      }
    ).version.replace(/^v/, "");
    await ok(`npm install --no-save --no-audit --no-fund @pulumi/policy@${version}`, { cwd: dir });
    const check = path.join(dir, "policy-imports");
    fs.mkdirSync(check, { recursive: true });
    fs.writeFileSync(
      path.join(check, "pack.ts"),
      [
        'import { PolicyPack } from "@pulumi/policy";',
        'import { protectedRoomsPolicy, webhookUrlPolicy, type StackScope } from "pulumi-eyeson/policy";',
        "",
        'const prod: StackScope = { stacks: ["prod", /^prod-/] };',
        'export const pack = new PolicyPack("eyeson", {',
        '  policies: [webhookUrlPolicy({ allowedHosts: ["hooks.example.com"] }), protectedRoomsPolicy(prod)],',
        "});",
        "",
      ].join("\n"),
    );
    for (const [resolution, module] of [
      ["node", "commonjs"],
      ["node16", "node16"],
      ["bundler", "esnext"],
    ] as const) {
      const tsconfig = `tsconfig.${resolution}.json`;
      // skipLibCheck: @pulumi/policy's own declarations (1.21) do not type-check without it (see README.md).
      fs.writeFileSync(
        path.join(check, tsconfig),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            target: "es2020",
            module,
            moduleResolution: resolution,
            types: ["node"],
          },
          files: ["pack.ts"],
        }),
      );
      const run = await sh(`npx tsc -p ${tsconfig}`, { cwd: check });
      assert.equal(run.code, 0, `${resolution}: ${run.stdout}${run.stderr}`);
    }
  });

  it("stops the quick start's emulator on Ctrl-C (SIGINT to its terminal's process group)", async () => {
    const running = emulator ?? assert.fail("the emulator bin is not running");
    const pid = running.process.pid ?? assert.fail("no pid");
    process.kill(-pid, "SIGINT");
    await running.exited;
    assert.match(running.output(), /SIGINT: stopping the eyeson emulator/);
    emulator = undefined;
  });
});
