// The eyeson plugin from another language through the real engine: a Pulumi YAML program (`runtime: yaml`,
// Pulumi's YAML language host) declares a permalink, a further host and the webhook and reads the permalink
// back with a read-only function, against the emulator. up, preview, refresh, import (one by id, and a whole
// account with adopt's import file) and destroy, each with the `pulumi` command a user types; the engine finds
// `pulumi-resource-eyeson` on PATH (scripts/engine-env.ts) and configures it from the stack's secret config.
// The program is the README's. Needs `npm run build` and the YAML language host (scripts/install-pulumi-yaml.sh).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { main as cliMain } from "../../cli";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { directoryStack } from "./directoryStack";
import { requireCli, type Deployment } from "./harness";
import { requireYamlHost } from "./languageHosts";
import { readmeProgram } from "./readmeYaml";

const ROOT = path.resolve(__dirname, "..", "..");
const PLUGIN = path.join(ROOT, "dist", "plugin", "main.js");
const FIRST_KEY = "emu_yaml_first_account_0123456789";
const SECOND_KEY = "emu_yaml_second_account_0123456789";

describe("a Pulumi YAML program using the eyeson plugin, through the pulumi CLI", function () {
  this.timeout(600_000);
  const dir = directoryStack({ name: "yaml" });
  const { work, project, pulumi, ok } = dir;
  let emulator: EmulatorHandle;
  let client: EyesonClient;
  let program: ReturnType<typeof readmeProgram>;

  function writeProgram(program: object): void {
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), YAML.stringify(program));
  }

  /** Adds the resources of a program `pulumi import --out` wrote to the project's program. */
  function addGenerated(file: string): void {
    const generated = YAML.parse(fs.readFileSync(file, "utf8")) as { resources?: Record<string, unknown> };
    const program = YAML.parse(fs.readFileSync(path.join(project, "Pulumi.yaml"), "utf8")) as {
      resources?: Record<string, unknown>;
    };
    writeProgram({ ...program, resources: { ...program.resources, ...generated.resources } });
  }

  async function outputs(): Promise<Record<string, unknown>> {
    return JSON.parse((await ok("stack", "output", "--json", "--show-secrets")).stdout) as Record<
      string,
      unknown
    >;
  }

  before(async function () {
    requireCli(this);
    const yamlHost = requireYamlHost(this);
    assert.ok(fs.existsSync(PLUGIN), `${PLUGIN} is missing: run npm run build`);
    emulator = await startEmulator({ strict: true, apiKeys: [FIRST_KEY, SECOND_KEY] });
    client = new EyesonClient({
      apiKey: emulator.apiKey,
      endpoint: emulator.url,
      retry: NO_DELAY_RETRY_POLICY,
      env: {},
    });
    dir.open({ path: [yamlHost] });
    program = readmeProgram();
    writeProgram(program);
    await dir.init(emulator);
  });

  after(async () => {
    await dir.dispose();
    await client?.close();
    await emulator?.close();
  });

  it("creates the permalink, the host and the webhook with `pulumi up`, and reads the room back with getPermalink", async () => {
    await ok("up", "--yes");
    const [permalink, ...others] = emulator.store.permalinksOf(emulator.apiKey);
    assert.deepEqual(others, []);
    assert.equal(permalink.name, "War room");
    assert.equal(permalink.options.sfu_mode, "disabled");
    const out = await outputs();
    assert.equal(out.permalinkId, permalink.id);
    assert.equal(out.liveName, "War room", "the function read the room the up created");
    assert.equal(out.hostId, `${permalink.id}/deputy`);
    assert.deepEqual(
      permalink.hosts.map((h) => h.user.id),
      ["pipeline", "deputy"],
    );
    assert.equal(out.webhookId, (await client.getWebhook())?.id);
    const shown = JSON.parse((await ok("stack", "output", "--json")).stdout) as Record<string, unknown>;
    assert.equal(shown.guestUrl, "[secret]");
  });

  it("keeps the API key, tokens and join links out of the exported state, as the dynamic resources do", async () => {
    const text = (await ok("stack", "export")).stdout;
    const state = JSON.parse(text) as Deployment;
    const secrets = [emulator.apiKey];
    for (const permalink of emulator.store.permalinks.values()) {
      secrets.push(permalink.guestToken, ...permalink.hosts.map((h) => h.userToken));
    }
    for (const secret of secrets) assert.ok(!text.includes(secret), "a credential appears in plain text");
    assert.ok(!/permalink\?/.test(text), "a join link appears in plain text");
    const room = state.deployment.resources?.find((r) => r.type === "eyeson:index:Permalink");
    for (const key of ["userToken", "guestToken", "hostUrl", "guestUrl"]) {
      assert.ok(JSON.stringify(room?.outputs?.[key]).includes("ciphertext"), `${key} is encrypted`);
    }
    const shown = (await ok("stack", "export", "--show-secrets")).stdout;
    assert.ok(
      secrets.slice(1).every((s) => shown.includes(s)),
      "the tokens are in the state, encrypted",
    );
  });

  it("previews no changes afterwards, sending no request that changes anything", async () => {
    emulator.requests.clear();
    await ok("preview", "--expect-no-changes");
    assert.deepEqual(
      emulator.requests.list().filter((r) => r.method !== "GET"),
      [],
    );
  });

  it("refreshes with nothing to change, and puts back a name changed behind its back", async () => {
    await ok("refresh", "--yes", "--expect-no-changes");
    const id = String((await outputs()).permalinkId);
    await client.updatePermalink(id, { name: "Renamed in the dashboard" });
    await ok("refresh", "--yes");
    const preview = await ok("preview", "--diff");
    assert.match(preview.stdout, /~ 1 to update/);
    await ok("up", "--yes");
    assert.equal(emulator.store.permalinks.get(id)?.name, "War room");
    await ok("preview", "--expect-no-changes");
  });

  it("imports an existing permalink by id, writing a declaration that previews no changes", async () => {
    const lobby = await client.createPermalink({
      name: "Lobby",
      user: { name: "Reception", id: "reception" },
      expiresAt: "2031-06-30T18:00:00Z",
      options: { widescreen: false, customFields: { locale: "fr" } },
    });
    const generated = path.join(work, "lobby.yaml");
    await ok(
      "import",
      "eyeson:index:Permalink",
      "lobby",
      lobby.permalink.id,
      "--yes",
      "--protect=false",
      "--out",
      generated,
    );
    const declared = fs.readFileSync(generated, "utf8");
    assert.match(declared, /name: Lobby/);
    assert.match(declared, /locale: fr/);
    assert.ok(!declared.includes(lobby.permalink.userToken), "no token in the generated program");
    addGenerated(generated);
    await ok("preview", "--expect-no-changes");
    assert.equal(emulator.store.permalinksOf(emulator.apiKey).length, 2, "nothing created");
  });

  it("refuses to import a PermalinkHost, saying that the API never returns another host's token", async () => {
    const id = String((await outputs()).permalinkId);
    const run = await pulumi("import", "eyeson:index:PermalinkHost", "night-desk", `${id}/deputy`, "--yes");
    assert.notEqual(run.code, 0);
    assert.match(run.stdout + run.stderr, /A PermalinkHost cannot be imported/);
    assert.match(run.stdout + run.stderr, /never returns another host's token/);
  });

  it("removes everything with `pulumi destroy`", async () => {
    await ok("destroy", "--yes");
    assert.deepEqual(emulator.store.permalinksOf(emulator.apiKey), []);
    assert.equal(await client.getWebhook(), null);
  });

  it("imports a whole account with adopt's import file, and the declarations preview no changes", async () => {
    await client.createPermalink({ name: "Board room", user: { name: "Chair", id: "chair" } });
    await client.createPermalink({
      name: "Support",
      user: { name: "Support lead" },
      options: { recordingAvailable: false, customFields: { hideChat: true } },
    });
    await client.registerWebhook({ url: "https://hooks.example.com/legacy", types: ["recording_update"] });
    let document = "";
    const code = await cliMain(["adopt", "--format", "import-file"], {
      env: { EYESON_API_KEY: emulator.apiKey, EYESON_API_ENDPOINT: emulator.url },
      stdout: (text) => (document += text),
      stderr: () => undefined,
    });
    assert.equal(code, 0);
    const file = path.join(work, "account.json");
    fs.writeFileSync(file, document);
    writeProgram({ name: program.name, runtime: program.runtime });
    const generated = path.join(work, "account.yaml");
    await ok("import", "--file", file, "--yes", "--protect=false", "--out", generated);
    addGenerated(generated);
    emulator.requests.clear();
    await ok("preview", "--expect-no-changes");
    assert.deepEqual(
      emulator.requests.list().filter((r) => r.method !== "GET"),
      [],
    );
    await ok("destroy", "--yes");
    assert.deepEqual(emulator.store.permalinksOf(emulator.apiKey), []);
    assert.equal(await client.getWebhook(), null);
  });
  it("manages a second account's permalink through an explicit provider, its key a secret input", async () => {
    writeProgram({
      name: program.name,
      runtime: program.runtime,
      resources: {
        partner: {
          type: "pulumi:providers:eyeson",
          properties: { apiKey: { "fn::secret": SECOND_KEY }, endpoint: emulator.url },
        },
        "partner-room": {
          type: "eyeson:index:Permalink",
          properties: { name: "Partner room", user: { name: "Partner" } },
          options: { provider: "${partner}" },
        },
      },
    });
    await ok("up", "--yes");
    assert.deepEqual(
      emulator.store.permalinksOf(SECOND_KEY).map((p) => p.name),
      ["Partner room"],
    );
    assert.deepEqual(emulator.store.permalinksOf(FIRST_KEY), []);
    assert.ok(
      !(await ok("stack", "export")).stdout.includes(SECOND_KEY),
      "the key is encrypted in the state",
    );
    await ok("destroy", "--yes");
    assert.deepEqual(emulator.store.permalinksOf(SECOND_KEY), []);
  });
});
