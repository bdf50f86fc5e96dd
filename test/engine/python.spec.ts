// The eyeson plugin from Python through the real engine: the SDK `pulumi package gen-sdk schema.json --language
// python` generates, installed as a user installs a local package, runs a Python program (the README's standing
// room, its deputy and the webhook, and the room read back with getPermalink; test/engine/fixtures/python-program)
// through `pulumi up`, `preview --expect-no-changes`, `refresh` and `destroy` against the emulator, with the
// `pulumi` package from PyPI. The program runs on the project's Python language host
// (scripts/install-python-host.sh; CONTRIBUTING.md, "Python programs through the engine"); the SDK is generated
// by the code generation host (scripts/install-codegen-host.sh). Needs `npm run build` for the plugin.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { directoryStack, type DirectoryStackEnv } from "./directoryStack";
import { apiWrites, cliStatus, requireCli, resourcesOfType, type Deployment } from "./harness";
import { requireCodegenHosts, requirePythonHost } from "./languageHosts";

const ROOT = path.resolve(__dirname, "..", "..");
const PLUGIN = path.join(ROOT, "dist", "plugin", "main.js");
const FIXTURE = path.join(__dirname, "fixtures", "python-program");

/** Runs a command to completion, failing with both outputs unless it exits 0. */
function run(file: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...opts, timeout: 120_000 }, (err, stdout, stderr) =>
      err
        ? reject(new Error(`${file} ${args.join(" ")} failed: ${err.message}\n${stdout}\n${stderr}`))
        : resolve(stdout),
    );
  });
}

describe("a Python program on the SDK generated from schema.json, through the pulumi CLI", function () {
  this.timeout(300_000);
  const dir = directoryStack({ name: "python" });
  const { pulumi, ok, project, work } = dir;
  const site = path.join(work, "site-packages");
  let emulator: EmulatorHandle;
  let client: EyesonClient;
  /** The program's environment: the Python host first on PATH, the generated SDK on PYTHONPATH. */
  let pythonEnv: DirectoryStackEnv = {};

  async function outputs(): Promise<Record<string, unknown>> {
    return JSON.parse((await ok("stack", "output", "--json", "--show-secrets")).stdout) as Record<
      string,
      unknown
    >;
  }

  before(async function () {
    requireCli(this);
    const codegenHosts = requireCodegenHosts(this);
    const pythonHost = requirePythonHost(this);
    assert.ok(fs.existsSync(PLUGIN), `${PLUGIN} is missing: run npm run build`);
    pythonEnv = { path: [pythonHost], vars: { PYTHONPATH: site } };
    const env = dir.open(pythonEnv);
    // The SDK as a user makes it: generated from the committed schema, then pip-installed (here into a folder
    // on PYTHONPATH rather than the shared environment; offline: it needs nothing the environment lacks).
    // The code generation hosts go first: the Python host's folder has a pulumi-language-python that only runs programs.
    const sdk = path.join(work, "sdk");
    await run(
      cliStatus().bin ?? "pulumi",
      ["package", "gen-sdk", path.join(ROOT, "schema.json"), "--language", "python", "--out", sdk],
      { cwd: work, env: { ...env, PATH: [codegenHosts, env.PATH].join(path.delimiter) } },
    );
    const pip = ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input"];
    const offline = ["--no-deps", "--no-build-isolation", "--no-index"];
    await run(
      path.join(pythonHost, "python"),
      [...pip, ...offline, "--target", site, path.join(sdk, "python")],
      {
        cwd: work,
        env: { ...process.env, PIP_ROOT_USER_ACTION: "ignore" },
      },
    );
    for (const file of fs.readdirSync(FIXTURE)) {
      fs.copyFileSync(path.join(FIXTURE, file), path.join(project, file));
    }
    emulator = await startEmulator({ strict: true });
    client = new EyesonClient({
      apiKey: emulator.apiKey,
      endpoint: emulator.url,
      retry: NO_DELAY_RETRY_POLICY,
      env: {},
    });
    await dir.init(emulator);
    await ok("config", "set", "roomName", "War room");
  });

  after(async () => {
    await dir.dispose();
    await client?.close();
    await emulator?.close();
  });

  it("creates the room, its deputy and the webhook with `pulumi up`, and getPermalink reads back what the emulator holds", async () => {
    const up = await ok("up", "--yes");
    assert.doesNotMatch(up.stdout + up.stderr, /Traceback/, "no Python traceback under a good run");
    const [permalink, ...others] = emulator.store.permalinksOf(emulator.apiKey);
    assert.deepEqual(others, [], "one room");
    assert.equal(permalink.name, "War room", "the name the program read from the stack's config");
    assert.equal(permalink.options.sfu_mode, "disabled");
    assert.equal(permalink.options.widescreen, true);
    assert.deepEqual(
      permalink.hosts.map((h) => h.user.id),
      ["pipeline", "deputy"],
    );
    const webhook = await client.getWebhook();
    assert.equal(webhook?.url, "https://hooks.example.com/eyeson/incidents");
    const out = await outputs();
    assert.equal(out.permalinkId, permalink.id);
    assert.equal(out.hostId, `${permalink.id}/deputy`);
    assert.equal(out.webhookId, webhook?.id);
    assert.equal(out.liveName, "War room", "the invoke read the room the up created");
    assert.equal(out.liveGuestToken, permalink.guestToken, "the invoke's token is the emulator's");
    assert.equal(out.guestToken, permalink.guestToken);
  });

  it("keeps the API key, the tokens and the join links out of the exported state and the shown outputs", async () => {
    const text = (await ok("stack", "export")).stdout;
    const [permalink] = emulator.store.permalinksOf(emulator.apiKey);
    const secrets = [emulator.apiKey, permalink.guestToken, ...permalink.hosts.map((h) => h.userToken)];
    for (const secret of secrets) assert.ok(!text.includes(secret), "a credential appears in plain text");
    assert.ok(!/permalink\?/.test(text), "a join link appears in plain text");
    const state = JSON.parse(text) as Deployment;
    const [room] = resourcesOfType(state, "eyeson:index:Permalink");
    for (const key of ["userToken", "guestToken", "hostUrl", "guestUrl"]) {
      assert.ok(JSON.stringify(room?.outputs?.[key]).includes("ciphertext"), `${key} is encrypted`);
    }
    const [host] = resourcesOfType(state, "eyeson:index:PermalinkHost");
    assert.ok(
      JSON.stringify(host?.outputs?.userToken).includes("ciphertext"),
      "the host's token is encrypted",
    );
    const shown = JSON.parse((await ok("stack", "output", "--json")).stdout) as Record<string, unknown>;
    for (const key of ["guestUrl", "guestToken", "liveGuestToken"]) {
      assert.equal(shown[key], "[secret]", `the output ${key} is shown as [secret]`);
    }
  });

  it("previews no changes afterwards, sending no request that changes anything", async () => {
    emulator.requests.clear();
    await ok("preview", "--expect-no-changes");
    assert.deepEqual(apiWrites(emulator), []);
  });

  it("refreshes with nothing to change, and the next preview still shows none", async () => {
    emulator.requests.clear();
    await ok("refresh", "--yes", "--expect-no-changes");
    assert.deepEqual(apiWrites(emulator), []);
    await ok("preview", "--expect-no-changes");
  });

  it("removes the room, its deputy and the webhook with `pulumi destroy`", async () => {
    const id = String((await outputs()).permalinkId);
    await ok("destroy", "--yes");
    assert.deepEqual(emulator.store.permalinksOf(emulator.apiKey), []);
    assert.equal(emulator.store.permalinks.get(id), undefined);
    assert.equal(await client.getWebhook(), null);
  });

  it("stops a program whose provider plugin cannot be found with the engine's message, and no Python traceback", async () => {
    // The plugin cache of this run is empty: without the plugin on PATH the engine has none to load.
    dir.open({
      ...pythonEnv,
      searchPath: (searchPath) =>
        searchPath
          .split(path.delimiter)
          .filter((folder) => !fs.existsSync(path.join(folder, "pulumi-resource-eyeson")))
          .join(path.delimiter),
    });
    try {
      const preview = await pulumi("preview");
      assert.notEqual(preview.code, 0);
      const shown = preview.stdout + preview.stderr;
      assert.match(shown, /no resource plugin 'pulumi-resource-eyeson' found/);
      assert.doesNotMatch(shown, /Traceback|KeyboardInterrupt/, "the engine's message alone");
    } finally {
      dir.open(pythonEnv);
    }
  });

  it("fails a preview of a program that raises, showing the error from the program's own frame", async () => {
    fs.writeFileSync(
      path.join(project, "__main__.py"),
      'import pulumi_eyeson\n\ndef room_name():\n    raise ValueError("no room name configured")\n\nroom_name()\n',
    );
    const preview = await pulumi("preview");
    assert.notEqual(preview.code, 0);
    const shown = preview.stdout + preview.stderr;
    assert.match(shown, /Program failed with an unhandled exception/);
    assert.match(shown, /__main__\.py", line 6, in <module>/);
    assert.match(shown, /ValueError: no room name configured/);
    assert.doesNotMatch(shown, /run_program\.py|KeyboardInterrupt/, "only the program's frames");
  });
});
