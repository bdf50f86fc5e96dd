/**
 * The emulator's state directory and clock: a restart with `dataDir` (`--data`) keeps the store, the key and
 * the clock; a killed emulator leaves a readable state; moving the clock passes expiries and ends meetings.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator, STATE_FILE, type EmulatorHandle } from "../../emulator";
import { parseArgs, stateLine } from "../../emulator/cli";
import { call } from "./helpers";

const ROOT = path.resolve(__dirname, "../..");

/** Starts the emulator bin from the sources; resolves its URL, key and the process. */
async function startBin(args: string[]): Promise<{
  url: string;
  key: string;
  output: () => string;
  kill: (signal: NodeJS.Signals) => Promise<void>;
}> {
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", "emulator/cli.ts", "--port", "0", ...args],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, EYESON_EMULATOR_DATA: "" } },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const [url, key] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 20000);
    child.stdout.on("data", () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\nAPI key: (\S+)/.exec(output);
      if (match && /Ctrl-C stops/.test(output)) {
        clearTimeout(timer);
        resolve([match[1], match[2]]);
      }
    });
    child.on("exit", () => reject(new Error(`exited early: ${output}`)));
  });
  return {
    url,
    key,
    output: () => output,
    kill: async (signal) => {
      child.kill(signal);
      await exited;
    },
  };
}

describe("emulator state directory", () => {
  let dir: string;
  let emulator: EmulatorHandle | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "eyeson-emulator-state-"));
  });
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps the key, permalinks, hosts and the webhook across a restart", async () => {
    emulator = await startEmulator({ dataDir: dir });
    const key = emulator.apiKey;
    const created = await call(emulator.url, "POST", "/permalink", {
      key,
      json: { name: "Kept", user: { name: "Host", id: "host-1" } },
    });
    assert.equal(created.status, 201);
    const id: string = created.body.permalink.id;
    const added = await call(emulator.url, "POST", `/permalink/${id}/users`, {
      key,
      json: { user: { name: "Deputy", id: "deputy" } },
    });
    const deputyToken: string = added.body.permalink.user_token;
    await call(emulator.url, "POST", "/webhooks", {
      key,
      json: { url: "http://127.0.0.1:9/hook", types: "room_update" },
    });
    await emulator.close();

    emulator = await startEmulator({ dataDir: dir });
    assert.equal(emulator.apiKey, key, "the saved key is used again");
    const read = await call(emulator.url, "GET", `/permalink/${id}`, { key });
    assert.equal(read.status, 200);
    assert.equal(read.body.room.name, "Kept");
    assert.equal((await call(emulator.url, "GET", `/permalink/${deputyToken}`)).status, 200);
    assert.equal((await call(emulator.url, "GET", "/webhooks", { key })).body.url, "http://127.0.0.1:9/hook");

    // A removed host is revoked for its permalink and for its token alike (one host object after a restart).
    assert.equal(
      (await call(emulator.url, "DELETE", `/permalink/${id}/users/${deputyToken}`, { key })).status,
      200,
    );
    assert.equal((await call(emulator.url, "GET", `/permalink/${deputyToken}`)).status, 404);
    const hosts = emulator.store.permalinks.get(id)?.hosts ?? [];
    assert.deepEqual(
      hosts.map((h) => h.revoked),
      [false, true],
    );
  });

  it("continues a seeded id sequence after a restart instead of repeating ids", async () => {
    emulator = await startEmulator({ dataDir: dir, seed: 7 });
    const first = await call(emulator.url, "POST", "/permalink", {
      key: emulator.apiKey,
      json: { user: { name: "A" } },
    });
    await emulator.close();
    emulator = await startEmulator({ dataDir: dir, seed: 7 });
    const second = await call(emulator.url, "POST", "/permalink", {
      key: emulator.apiKey,
      json: { user: { name: "B" } },
    });
    assert.notEqual(second.body.permalink.id, first.body.permalink.id);
    assert.equal((await call(emulator.url, "GET", "/permalink", { key: emulator.apiKey })).body.total, 2);
  });

  it("writes the state file readable by its owner only, with no temporary file left", async () => {
    emulator = await startEmulator({ dataDir: dir, apiKeys: ["owner-only-key"] });
    await call(emulator.url, "POST", "/permalink", { key: "owner-only-key", json: { user: { name: "A" } } });
    assert.deepEqual(readdirSync(dir), [STATE_FILE]);
    if (process.platform !== "win32") assert.equal(statSync(path.join(dir, STATE_FILE)).mode & 0o077, 0);
    const saved = JSON.parse(readFileSync(path.join(dir, STATE_FILE), "utf8"));
    assert.equal(saved.store.permalinks.length, 1);
  });

  it("refuses to start on a state file that is not its own, instead of overwriting it", async () => {
    emulator = await startEmulator({ dataDir: dir });
    await emulator.close();
    emulator = undefined;
    const file = path.join(dir, STATE_FILE);
    require("node:fs").writeFileSync(file, "{ half a fi");
    await assert.rejects(startEmulator({ dataDir: dir }), /is not JSON; move it away/);
    assert.equal(readFileSync(file, "utf8"), "{ half a fi");
  });

  it("a killed bin leaves a state the next start reads: same key, same rooms", async function () {
    this.timeout(60000);
    const first = await startBin(["--data", dir]);
    assert.match(first.output(), new RegExp(`State: kept in ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await call(first.url, "POST", "/permalink", {
        key: first.key,
        json: { user: { name: `R${i}` } },
      });
      ids.push(res.body.permalink.id);
    }
    await first.kill("SIGKILL");
    const second = await startBin(["--data", dir]);
    try {
      assert.equal(second.key, first.key);
      const list = await call(second.url, "GET", "/permalink", { key: second.key });
      assert.deepEqual(
        list.body.items.map((p: { permalink: { id: string } }) => p.permalink.id),
        ids,
      );
    } finally {
      await second.kill("SIGTERM");
    }
  });

  it("says at start that the state is in memory, with the one line that keeps it", async function () {
    this.timeout(30000);
    const bin = await startBin([]);
    await bin.kill("SIGTERM");
    assert.match(bin.output(), /State: in memory only/);
    assert.match(bin.output(), /npx pulumi-eyeson-emulator --data \.eyeson-emulator/);
    assert.equal(stateLine(undefined).includes("EYESON_EMULATOR_DATA"), true);
  });

  it("takes the directory from --data, else from EYESON_EMULATOR_DATA", () => {
    assert.equal(parseArgs(["--data", "a"], { EYESON_EMULATOR_DATA: "b" }).dataDir, "a");
    assert.equal(parseArgs([], { EYESON_EMULATOR_DATA: "b" }).dataDir, "b");
    assert.equal(parseArgs([], {}).dataDir, undefined);
  });
});

describe("emulator clock", () => {
  let emulator: EmulatorHandle;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.close());

  it("moving the clock past expiresAt makes the permalink expired and refuses to start its meeting", async () => {
    const key = emulator.apiKey;
    const expiresAt = new Date(Date.now() + 60 * 60 * 1000).toISOString();
    const created = await call(emulator.url, "POST", "/permalink", {
      key,
      json: { user: { name: "Host" }, expires_at: expiresAt },
    });
    const token: string = created.body.permalink.user_token;
    assert.equal(
      (await call(emulator.url, "GET", "/permalink", { key, query: { expired: "true" } })).body.total,
      0,
    );
    const moved = await call(emulator.url, "POST", "/__emulator/clock", {
      json: { advanceMs: 2 * 60 * 60 * 1000 },
    });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.offsetMs, 2 * 60 * 60 * 1000);
    assert.ok(Date.parse(moved.body.now) > Date.parse(expiresAt));
    assert.equal(
      (await call(emulator.url, "GET", "/permalink", { key, query: { expired: "true" } })).body.total,
      1,
    );
    assert.equal((await call(emulator.url, "POST", `/permalink/${token}`)).status, 410);
  });

  it("moving the clock two minutes ends a meeting nobody used, and its access key answers 410", async () => {
    const started = await call(emulator.url, "POST", "/rooms", {
      key: emulator.apiKey,
      json: { user: { name: "U" } },
    });
    const accessKey: string = started.body.access_key;
    assert.equal((await call(emulator.url, "GET", `/rooms/${accessKey}`)).status, 200);
    assert.equal(emulator.clock.advance(60 * 1000), 0, "one minute is not enough");
    assert.equal((await call(emulator.url, "GET", `/rooms/${accessKey}`)).status, 200);
    const moved = await call(emulator.url, "POST", "/__emulator/clock", {
      json: { to: new Date(emulator.clock.now().getTime() + 3 * 60 * 1000).toISOString() },
    });
    assert.equal(moved.body.endedMeetings, 1);
    assert.equal((await call(emulator.url, "GET", `/rooms/${accessKey}`)).status, 410);
    assert.deepEqual((await call(emulator.url, "GET", "/rooms", { key: emulator.apiKey })).body, []);
  });

  it("refuses to move the clock backwards", async () => {
    const res = await call(emulator.url, "POST", "/__emulator/clock", { json: { advanceMs: -1 } });
    assert.equal(res.status, 400);
    assert.match(res.body.error, /only moves forward/);
    assert.equal((await call(emulator.url, "GET", "/__emulator/clock")).body.offsetMs, 0);
  });

  it("keeps the clock's offset across a restart with a state directory", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "eyeson-emulator-clock-"));
    try {
      const first = await startEmulator({ dataDir: dir });
      first.clock.advance(5000);
      await first.close();
      const second = await startEmulator({ dataDir: dir });
      assert.equal((await call(second.url, "GET", "/__emulator/clock")).body.offsetMs, 5000);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
