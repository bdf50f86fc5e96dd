// `pulumi-eyeson adopt` against the emulator over real HTTP: what it declares, that it only reads, that it
// never prints a credential, and, through the real engine, that the first `up` of its program takes the
// account over with no create and no duplicate and that a preview afterwards has nothing to change.
// The engine part needs `npm run build` (the program imports `pulumi-eyeson`, which resolves to dist/).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { runAdopt } from "../../cli/adopt";
import { main } from "../../cli";
import type { CommandIo } from "../../cli/io";
import { createEngineStack, requireCli, type EngineStack } from "./harness";

const ROOT = path.resolve(__dirname, "..", "..");
const WORK = path.join(ROOT, ".work", "adopt");

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command line of the `pulumi-eyeson` CLI in-process with the given environment. */
async function cli(argv: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CommandIo = { env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Type-checks a generated program against the built package, with Pulumi's template settings. */
function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    skipLibCheck: true,
    types: ["node"],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

function writeProgram(name: string, code: string): string {
  fs.mkdirSync(WORK, { recursive: true });
  const file = path.join(WORK, `${name}.ts`);
  fs.writeFileSync(file, code);
  return file;
}

describe("pulumi-eyeson adopt", () => {
  let emulator: EmulatorHandle;
  let client: EyesonClient;
  const env = (): NodeJS.ProcessEnv => ({
    EYESON_API_KEY: emulator.apiKey,
    EYESON_API_ENDPOINT: emulator.url,
  });

  before(async () => {
    emulator = await startEmulator({ strict: true });
  });
  beforeEach(() => {
    emulator.reset();
    client = new EyesonClient({
      apiKey: emulator.apiKey,
      endpoint: emulator.url,
      retry: NO_DELAY_RETRY_POLICY,
      env: {},
    });
  });
  afterEach(async () => client.close());
  after(async () => {
    await emulator.close();
    fs.rmSync(WORK, { recursive: true, force: true });
  });

  /** A war room with every kind of value: name, a host with id and avatar, an expiry, options, GUI fields. */
  async function warRoom(name = "Production war room"): Promise<string> {
    const created = await client.createPermalink({
      name,
      user: { name: "Primary on-call", id: "oncall-primary", avatar: "https://example.com/oncall.png" },
      expiresAt: "2031-06-30T18:00:00Z",
      options: {
        widescreen: true,
        recordingAvailable: false,
        lockAvailable: true,
        sfuMode: "disabled",
        exitUrl: "https://status.example.com",
        customFields: { locale: "de", hideChat: true },
      },
    });
    return created.permalink.id;
  }

  it("declares each permalink with adoptId and every value the API reports", async () => {
    const id = await warRoom();
    const run = await cli(["adopt"], env());
    assert.equal(run.code, 0, run.stderr);
    for (const expected of [
      `new eyeson.Permalink("production-war-room"`,
      `adoptId: "${id}"`,
      `name: "Production war room"`,
      `name: "Primary on-call"`,
      `id: "oncall-primary"`,
      `avatar: "https://example.com/oncall.png"`,
      `expiresAt: "2031-06-30T18:00:00.000Z"`,
      `recordingAvailable: false`,
      `lockAvailable: true`,
      `sfuMode: "disabled"`,
      // The server stores the URL in its parsed form; adopting declares what it reports.
      `exitUrl: "https://status.example.com/"`,
      `locale: "de"`,
      `hideChat: true`,
    ]) {
      assert.ok(run.stdout.includes(expected), `the program has ${expected}:\n${run.stdout}`);
    }
    assert.match(run.stderr, /Found 1 permalink\(s\) and no webhook/);
  });

  it("declares the registered webhook with adoptExisting", async () => {
    await client.registerWebhook({ url: "https://hooks.example.com/eyeson", types: ["room_update"] });
    const run = await cli(["adopt"], env());
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /new eyeson\.Webhook\("webhook", \{\s+url: "https:\/\/hooks\.example\.com\/eyeson",\s+types: \["room_update"\],\s+adoptExisting: true,/,
    );
  });

  it("prints a program that type-checks with Pulumi's TypeScript template settings", async () => {
    await warRoom();
    await warRoom();
    await client.createPermalink({ user: { name: "Sandbox host" } });
    await client.registerWebhook({ url: "https://hooks.example.com/eyeson", types: ["room_update"] });
    const run = await cli(["adopt", "--format", "typescript"], env());
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.includes(`new eyeson.Permalink("production-war-room-2"`), "names stay unique");
    assert.deepEqual(typeErrors(writeProgram("typecheck", run.stdout)), []);
  });

  it("reads every page of permalinks", async () => {
    for (let i = 0; i < 27; i++) await client.createPermalink({ name: `Room ${i}`, user: { name: "Host" } });
    const run = await cli(["adopt"], env());
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.match(/new eyeson\.Permalink\(/g)?.length, 27);
  });

  it("only reads: every request it makes is a GET", async () => {
    await warRoom();
    await client.registerWebhook({ url: "https://hooks.example.com/eyeson", types: ["room_update"] });
    emulator.requests.clear();
    assert.equal((await cli(["adopt"], env())).code, 0);
    const routes = emulator.requests.list().map((r) => r.route);
    assert.deepEqual([...new Set(routes)].sort(), ["GET /permalink", "GET /webhooks"]);
  });

  it("never prints the API key or any token", async () => {
    const id = await warRoom();
    const live = await client.getPermalink(id);
    const run = await cli(["adopt"], env());
    const printed = run.stdout + run.stderr;
    for (const secret of [emulator.apiKey, live.permalink.userToken, live.permalink.guestToken]) {
      assert.ok(!printed.includes(secret), "a credential was printed");
    }
    const failed = await cli(["adopt", "--api-key", "emu_not_the_key_of_this_account_0"], env());
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /adopt failed: .*401/);
    assert.ok(!failed.stderr.includes("emu_not_the_key_of_this_account_0"), "the wrong key was printed");
  });

  it("comments out a permalink whose expiry has passed, saying why, since the resource refuses it", async () => {
    const expired = await client.createPermalink({
      user: { name: "Old host" },
      expiresAt: "2020-01-01T00:00:00Z",
    });
    const run = await cli(["adopt"], env());
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      new RegExp(
        `// Not adoptable as it is \\(Permalink ${expired.permalink.id}\\): expiresAt: must be in the future`,
      ),
    );
    assert.ok(!/^const /m.test(run.stdout), "nothing is declared outside a comment");
    assert.match(run.stderr, /1 cannot be adopted as they are/);
  });

  it("refuses to run without a key, and unknown options or formats, before any request", async () => {
    emulator.requests.clear();
    const noKey = await cli(["adopt"], { EYESON_API_ENDPOINT: emulator.url });
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /set EYESON_API_KEY \(or pass --api-key\)/);
    const badFormat = await cli(["adopt", "--format", "yaml"], env());
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /Unknown format: yaml \(one of typescript, import-file\)/);
    const badOption = await cli(["adopt", "--colour"], env());
    assert.equal(badOption.code, 2);
    assert.match(badOption.stderr, /Unknown option: --colour/);
    assert.equal((await cli(["nope"], env())).code, 2);
    assert.deepEqual(emulator.requests.list(), []);
  });

  it("takes the endpoint and key from flags as well as from the environment", async () => {
    await warRoom();
    const run = await cli(["adopt", `--endpoint=${emulator.url}`, "--api-key", emulator.apiKey], {});
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`pulumi config set eyeson:endpoint ${emulator.url}`));
  });

  it("prints, on stderr, the config lines that save the endpoint it read from the environment and the key", async () => {
    await warRoom();
    const run = await cli(["adopt"], env());
    assert.equal(run.code, 0, run.stderr);
    const next = run.stderr.slice(run.stderr.indexOf("Next, in this shell:"));
    assert.equal(
      next,
      "Next, in this shell:\n" +
        `  pulumi config set eyeson:endpoint ${emulator.url}\n` +
        '  pulumi config set --secret eyeson:apiKey "$EYESON_API_KEY"\n' +
        "  pulumi up\n" +
        "The endpoint came from EYESON_API_ENDPOINT, which the stack does not keep: without the first line, a " +
        "refresh in a later shell would go to https://api.eyeson.team.\n",
    );
    assert.ok(!run.stdout.includes("Next, in this shell"), "standard output stays the program");
    const flags = await cli(["adopt", "--endpoint", emulator.url, "--api-key", emulator.apiKey], {});
    assert.match(flags.stderr, /eyeson:apiKey <the key given with --api-key>\n {2}pulumi up\n$/);
    assert.ok(!flags.stderr.includes(emulator.apiKey), "the key was printed");
  });

  it("words the import file's summary for JSON, listing what cannot be declared as it is", async () => {
    const expired = await client.createPermalink({
      user: { name: "Old host" },
      expiresAt: "2020-01-01T00:00:00Z",
    });
    const run = await cli(["adopt", "--format", "import-file"], env());
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /comment/);
    assert.match(
      run.stderr,
      /1 could not be declared as they are \(listed below\); the import takes them over unchanged/,
    );
    assert.match(run.stderr, new RegExp(`\\(${expired.permalink.id}\\): expiresAt: must be in the future`));
    assert.match(run.stderr, / {2}pulumi import --file import\.json\n/);
  });

  it("prints its usage with --help", async () => {
    const help = await runAdopt(["--help"], {
      env: {},
      stdout: (t) => assert.match(t, /--format <name>/),
      stderr: () => undefined,
    });
    assert.equal(help, 0);
  });

  describe("through the real engine", function () {
    this.timeout(300_000);
    let stack: EngineStack | undefined;

    before(function () {
      requireCli(this);
    });
    afterEach(async () => {
      await stack?.dispose();
      stack = undefined;
    });

    it("takes the account over at the first up (no create, no duplicate) and previews no changes after", async () => {
      const warRoomId = await warRoom();
      const sandbox = await client.createPermalink({ user: { name: "Sandbox host" } });
      await client.registerWebhook({
        url: "https://hooks.example.com/eyeson",
        types: ["room_update", "participant_update"],
      });
      const hookBefore = await client.getWebhook();
      const before = await client.getPermalink(warRoomId);

      const adopted = await cli(["adopt"], env());
      assert.equal(adopted.code, 0, adopted.stderr);
      const file = writeProgram("engine", adopted.stdout);
      stack = await createEngineStack({
        program: async () => {
          delete require.cache[require.resolve(file)];
          return { ...(require(file) as Record<string, unknown>) };
        },
        emulatorUrl: emulator.url,
        apiKey: emulator.apiKey,
      });

      emulator.requests.clear();
      const up = await stack.up();
      const routes = emulator.requests.list().map((r) => r.route);
      assert.ok(!routes.includes("POST /permalink"), `no permalink was created: ${routes.join(", ")}`);
      assert.ok(!routes.includes("POST /webhooks"), "the webhook was not registered again");
      assert.deepEqual(
        emulator.store
          .permalinksOf(emulator.apiKey)
          .map((p) => p.id)
          .sort(),
        [warRoomId, sandbox.permalink.id].sort(),
      );
      assert.deepEqual(up.outputs.permalinkIds?.value, {
        productionWarRoom: warRoomId,
        sandboxHost: sandbox.permalink.id,
      });
      assert.equal(up.outputs.webhookId?.value, hookBefore?.id);
      assert.equal((await client.getWebhook())?.id, hookBefore?.id, "the webhook registration was kept");

      const after = await client.getPermalink(warRoomId);
      assert.deepEqual(
        {
          name: after.room.name,
          user: after.user,
          expiresAt: after.permalink.expiresAt,
          options: after.options,
        },
        {
          name: before.room.name,
          user: before.user,
          expiresAt: before.permalink.expiresAt,
          options: before.options,
        },
        "adopting changed nothing",
      );

      emulator.requests.clear();
      await stack.stack.preview({ expectNoChanges: true });
      assert.deepEqual(
        emulator.requests.list().filter((r) => r.method !== "GET"),
        [],
      );
    });
  });
});
