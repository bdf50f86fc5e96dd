/** Fault injection and the test controls, from the handle and over HTTP. */
import assert from "node:assert/strict";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { captureReceiver } from "../webhooks/deliveries";
import { call, client, expectStatus, startRoom } from "./helpers";

describe("emulator: fault injection", () => {
  let emulator: EmulatorHandle;
  let c: ReturnType<typeof client>;

  before(async () => {
    emulator = await startEmulator({ strict: true });
    c = client(emulator);
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  it("answers 429 with Retry-After for the next matching request only", async () => {
    emulator.faults.inject({ method: "GET", path: "/permalink", status: 429, retryAfter: 2 });
    const limited = await c.api("GET", "/permalink");
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "2");
    assert.deepEqual(limited.body, { error: "Too Many Requests" });
    expectStatus(await c.api("GET", "/permalink"), 200);
    assert.deepEqual(
      emulator.requests.list().map((r) => [r.route, r.status, r.auth]),
      [
        ["GET /permalink", 429, "api_key"],
        ["GET /permalink", 200, "api_key"],
      ],
    );
  });

  it("answers 429 without Retry-After and 503 with a custom body for `times` requests", async () => {
    emulator.faults.inject({ path: "/rooms", method: "GET", status: 429 });
    emulator.faults.inject({
      path: "/rooms",
      method: "GET",
      status: 503,
      times: 2,
      body: { error: "maintenance" },
    });
    const first = await c.api("GET", "/rooms");
    assert.equal(first.status, 429);
    assert.equal(first.headers.get("retry-after"), null);
    for (let i = 0; i < 2; i += 1)
      assert.deepEqual(expectStatus(await c.api("GET", "/rooms"), 503), { error: "maintenance" });
    expectStatus(await c.api("GET", "/rooms"), 200);
    assert.equal(emulator.faults.list().length, 0);
  });

  it("matches globs segment by segment and leaves other methods and paths alone", async () => {
    const room = await startRoom(emulator);
    emulator.faults.inject({ method: "POST", path: "/rooms/*/recording", status: 500, times: Infinity });
    expectStatus(await c.open("POST", `/rooms/${room.access_key}/recording`), 500);
    expectStatus(await c.open("POST", `/rooms/${room.access_key}/recording`), 500);
    expectStatus(await c.open("POST", `/rooms/${room.access_key}/snapshot`), 201);
    expectStatus(await c.open("DELETE", `/rooms/${room.access_key}/recording`), 404);
    emulator.faults.clear();
    emulator.faults.inject({ path: "/rooms/**", status: 502 });
    expectStatus(await c.open("GET", `/rooms/${room.access_key}/users`), 502);
    emulator.faults.inject({ path: /^\/rooms\/[^/]+$/, status: 500 });
    expectStatus(await c.api("GET", "/rooms"), 200);
    expectStatus(await c.open("GET", `/rooms/${room.access_key}`), 500);
  });

  it("delays a request and then handles it normally", async () => {
    emulator.faults.inject({ path: "/rooms", delayMs: 300 });
    const started = performance.now();
    expectStatus(await c.api("GET", "/rooms"), 200);
    // A lower bound only: a loaded machine makes a request slower, never faster (timers may fire 1 ms early).
    const waited = performance.now() - started;
    assert.ok(waited >= 295, `answered after ${waited.toFixed(0)} ms, before the 300 ms delay`);
    assert.deepEqual(
      emulator.requests.list().map((r) => [r.route, r.status]),
      [["GET /rooms", 200]],
    );
    expectStatus(await c.api("GET", "/rooms"), 200);
  });

  it("lets a client time out on a long delay", async () => {
    emulator.faults.inject({ path: "/rooms", delayMs: 5000 });
    await assert.rejects(
      fetch(`${emulator.url}/rooms`, {
        headers: { authorization: emulator.apiKey },
        signal: AbortSignal.timeout(50),
      }),
      (err: Error) => err.name === "TimeoutError" || err.name === "AbortError",
    );
  });

  it("resets the connection and logs status 0", async () => {
    emulator.faults.inject({ method: "POST", path: "/permalink", reset: true });
    await assert.rejects(c.api("POST", "/permalink", { json: { user: { name: "X" } } }), TypeError);
    expectStatus(await c.api("POST", "/permalink", { json: { user: { name: "X" } } }), 201);
    assert.deepEqual(
      emulator.requests.list().map((r) => [r.route, r.status]),
      [
        ["POST /permalink", 0],
        ["POST /permalink", 201],
      ],
    );
    assert.equal(emulator.store.permalinks.size, 1, "the reset request never reached the store");
  });

  it("handles the request, then drops the connection, when the response is to be lost", async () => {
    emulator.faults.inject({ method: "POST", path: "/permalink", lose: true });
    await assert.rejects(c.api("POST", "/permalink", { json: { user: { name: "X" } } }), TypeError);
    assert.equal(emulator.store.permalinks.size, 1, "the server acted although the client heard nothing");
    assert.deepEqual(
      emulator.requests.list().map((r) => [r.route, r.status, r.lost]),
      [["POST /permalink", 201, true]],
    );
  });

  it("faults a seeded share of requests in a chaos mix, never the same request twice in a row", async () => {
    const run = async (): Promise<number[]> => {
      emulator.reset();
      emulator.faults.chaos({ rate: 0.5, seed: 7, kinds: ["429", "503"] });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await c.api("GET", "/permalink")).status);
      return statuses;
    };
    const first = await run();
    assert.deepEqual(await run(), first, "the same seed faults the same requests");
    const faulted = first.filter((s) => s !== 200).length;
    assert.ok(faulted >= 8 && faulted <= 20, `${faulted} of 40 faulted`);
    first.forEach((status, i) => {
      if (status !== 200) assert.equal(first[i + 1] ?? 200, 200, "a retry of a faulted request goes through");
    });
    emulator.faults.clear();
    expectStatus(await c.api("GET", "/permalink"), 200);
  });

  it("rejects a rule that does nothing", () => {
    assert.throws(() => emulator.faults.inject({ path: "/rooms" }), /status, delayMs, reset or lose/);
  });
});

describe("emulator: controls over HTTP", () => {
  let emulator: EmulatorHandle;

  before(async () => {
    emulator = await startEmulator({ strict: true, seed: 99 });
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  it("injects, lists and clears faults under /__emulator/faults without faulting or logging the controls", async () => {
    expectStatus(
      await call(emulator.url, "POST", "/__emulator/faults", {
        json: { path: "**", status: 503, times: 1, retryAfter: 1 },
      }),
      201,
    );
    const listed = expectStatus(await call(emulator.url, "GET", "/__emulator/faults"), 200);
    assert.deepEqual(listed, [{ path: "**", status: 503, times: 1, retryAfter: 1, remaining: 1 }]);
    const faulted = await call(emulator.url, "GET", "/rooms", { key: emulator.apiKey });
    assert.equal(faulted.status, 503);
    assert.equal(faulted.headers.get("retry-after"), "1");
    expectStatus(
      await call(emulator.url, "POST", "/__emulator/faults", {
        json: { pathRegExp: "^/rooms$", status: 500 },
      }),
      201,
    );
    expectStatus(await call(emulator.url, "DELETE", "/__emulator/faults"), 204);
    expectStatus(await call(emulator.url, "GET", "/rooms", { key: emulator.apiKey }), 200);
    const log = expectStatus(await call(emulator.url, "GET", "/__emulator/requests"), 200);
    assert.deepEqual(
      log.map((e: { route: string; status: number }) => [e.route, e.status]),
      [
        ["GET /rooms", 503],
        ["GET /rooms", 200],
      ],
    );
    expectStatus(await call(emulator.url, "POST", "/__emulator/faults", { json: { path: "/rooms" } }), 400);
  });

  it("logs method, redacted path, route, status and auth kind, never a key or token", async () => {
    const room = await startRoom(emulator);
    await call(emulator.url, "GET", `/rooms/${room.access_key}`);
    await call(emulator.url, "POST", `/guests/${room.room.guest_token}`, { json: { name: "G" } });
    await call(emulator.url, "GET", `/nowhere/${room.access_key}`);
    const log = expectStatus(await call(emulator.url, "GET", "/__emulator/requests"), 200);
    assert.deepEqual(
      log.map((e: { method: string; path: string; route: string; status: number; auth: string }) => [
        e.method,
        e.path,
        e.route,
        e.status,
        e.auth,
      ]),
      [
        ["POST", "/rooms", "POST /rooms", 201, "api_key"],
        ["GET", "/rooms/***", "GET /rooms/:accessKey", 200, "access_key"],
        ["POST", "/guests/***", "POST /guests/:guestToken", 201, "token"],
        ["GET", "/nowhere/***", "GET (unmatched)", 404, "none"],
      ],
    );
    const text = JSON.stringify(log);
    for (const secret of [emulator.apiKey, room.access_key, room.room.guest_token])
      assert.ok(!text.includes(secret));
    expectStatus(await call(emulator.url, "DELETE", "/__emulator/requests"), 204);
    assert.deepEqual(emulator.requests.list(), []);
  });

  it("resets state over HTTP and replays the same ids for the same seed", async () => {
    const first = await startRoom(emulator);
    expectStatus(await call(emulator.url, "POST", "/__emulator/reset", { json: { seed: 99 } }), 204);
    expectStatus(await call(emulator.url, "GET", `/rooms/${first.access_key}`), 404);
    const again = await startRoom(emulator);
    assert.equal(again.access_key, first.access_key);
    assert.equal(again.room.id, first.room.id);

    const twin = await startEmulator({ strict: true, seed: 99 });
    try {
      assert.equal(twin.apiKey, emulator.apiKey);
      const other = await startRoom(twin);
      assert.equal(other.access_key, first.access_key);
    } finally {
      await twin.close();
    }
  });

  it("answers the health check and 404 for unknown controls", async () => {
    assert.deepEqual(expectStatus(await call(emulator.url, "GET", "/__emulator/health"), 200), { ok: true });
    expectStatus(await call(emulator.url, "GET", "/__emulator/nope"), 404);
  });

  it("waits for deliveries with POST /__emulator/deliveries/flush", async () => {
    // The receiver holds its answer back, so the delivery is still in flight when the flush is asked for.
    const hook = await captureReceiver(500);
    try {
      expectStatus(
        await call(emulator.url, "POST", "/webhooks", {
          key: emulator.apiKey,
          json: { url: hook.url, types: ["snapshot_update"] },
        }),
        201,
      );
      const room = await startRoom(emulator);
      expectStatus(await call(emulator.url, "POST", `/rooms/${room.access_key}/snapshot`), 201);
      expectStatus(await call(emulator.url, "POST", "/__emulator/deliveries/flush"), 204);
      const log = expectStatus(await call(emulator.url, "GET", "/__emulator/deliveries"), 200);
      assert.deepEqual(
        log.map((d: { type: string; status: number }) => [d.type, d.status]),
        [["snapshot_update", 201]],
        "the flush answered only after the receiver had",
      );
      assert.equal(hook.received.length, 1);
      // With nothing queued, the flush answers at once.
      expectStatus(await call(emulator.url, "POST", "/__emulator/deliveries/flush"), 204);
    } finally {
      await hook.close();
    }
  });
});
