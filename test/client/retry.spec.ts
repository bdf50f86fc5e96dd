import assert from "node:assert/strict";
import { EyesonClient, NO_DELAY_RETRY_POLICY, type RetryPolicy } from "../../provider/client";
import { EyesonApiError, EyesonConnectionError, EyesonRateLimitError } from "../../provider/errors";
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter } from "../../provider/retry";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server";
import { ACCESS_KEY, API_KEY, RECORDING_WIRE, ROOM_WIRE } from "./fixtures";

describe("EyesonClient retries and timeouts", () => {
  let server: ScriptedServer;
  let waits: number[];
  const clients: EyesonClient[] = [];

  function client(
    opts: { retry?: RetryPolicy; timeoutMs?: number; endpoint?: string; random?: () => number } = {},
  ): EyesonClient {
    const c = new EyesonClient({
      apiKey: API_KEY,
      endpoint: opts.endpoint ?? server.url,
      retry: opts.retry ?? NO_DELAY_RETRY_POLICY,
      timeoutMs: opts.timeoutMs,
      random: opts.random,
      env: {},
      // Records the waits instead of sleeping, so no test depends on the clock.
      sleep: async (ms) => void waits.push(ms),
    });
    clients.push(c);
    return c;
  }

  before(async () => {
    server = await startScriptedServer();
  });
  beforeEach(() => {
    server.reset();
    waits = [];
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  after(() => server.close());

  it("should retry a 503 on GET and return the later success", async () => {
    server.enqueue({ status: 503, body: { error: "busy" } }, { body: RECORDING_WIRE });
    const recording = await client().getRecording("r1");
    assert.equal(recording.id, RECORDING_WIRE.id);
    assert.equal(server.requests.length, 2);
  });

  for (const [method, call] of [
    ["PUT", (c: EyesonClient) => c.updateBroadcast(ACCESS_KEY, { playerUrl: "https://p" })],
    ["DELETE", (c: EyesonClient) => c.deleteRecording("r1")],
  ] as const) {
    it(`should retry 5xx on ${method}, which cannot duplicate a side effect`, async () => {
      server.enqueue({ status: 502 }, { status: 500 }, { status: 200 });
      await call(client());
      assert.equal(server.requests.length, 3);
      assert.ok(server.requests.every((r) => r.method === method));
    });
  }

  it("should retry a 429 without Retry-After using backoff within the policy caps", async () => {
    const policy: RetryPolicy = { ...NO_DELAY_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 150 };
    server.enqueue({ status: 429 }, { status: 429 }, { status: 429 }, { body: [] });
    // Jitter pinned to the middle: each wait is half its cap, and the caps are 100, then 200 capped to 150.
    await client({ retry: policy, random: () => 0.5 }).listRooms();
    assert.equal(server.requests.length, 4);
    assert.deepEqual(waits, [50, 75, 75]);
  });

  it("should wait as long as Retry-After says (seconds) before retrying a 429", async () => {
    server.enqueue({ status: 429, headers: { "retry-after": "2" } }, { body: [] });
    await client().listRooms();
    assert.deepEqual(waits, [2000]);
    assert.equal(server.requests.length, 2);
  });

  it("should honour a Retry-After given as an HTTP date", async () => {
    const at = new Date(Date.now() + 5_000).toUTCString();
    server.enqueue({ status: 429, headers: { "retry-after": at } }, { body: [] });
    await client().listRooms();
    assert.equal(waits.length, 1);
    assert.ok(waits[0]! > 2_000 && waits[0]! <= 5_000, `wait ${waits[0]}`);
  });

  it("should throw the rate-limit error at once when Retry-After exceeds the total-wait bound", async () => {
    server.enqueue({ status: 429, headers: { "retry-after": "120" }, body: { error: "slow down" } });
    const err = await client()
      .listRooms()
      .then(
        () => assert.fail("expected a rate-limit error"),
        (e: unknown) => e,
      );
    assert.ok(EyesonRateLimitError.isInstance(err));
    assert.equal(err.status, 429);
    assert.equal(err.retryAfterMs, 120_000);
    assert.equal(err.retryable, true);
    assert.match(err.message, /GET \/rooms failed \(429\): slow down/);
    assert.deepEqual(waits, []);
    assert.equal(server.requests.length, 1);
  });

  it("should stop retrying once the next wait would exceed the total-wait bound", async () => {
    const policy: RetryPolicy = { ...NO_DELAY_RETRY_POLICY, maxRetries: 10, maxTotalWaitMs: 2_500 };
    for (let i = 0; i < 10; i++) server.enqueue({ status: 429, headers: { "retry-after": "1" } });
    await assert.rejects(client({ retry: policy }).listRooms(), (e: unknown) =>
      EyesonRateLimitError.isInstance(e),
    );
    assert.deepEqual(waits, [1000, 1000]);
    assert.equal(server.requests.length, 3);
  });

  it("should give up after maxRetries and report the last status", async () => {
    const policy: RetryPolicy = { ...NO_DELAY_RETRY_POLICY, maxRetries: 2 };
    server.enqueue({ status: 503 }, { status: 503 }, { status: 504, body: { error: "gateway" } });
    await assert.rejects(client({ retry: policy }).getRecording("r1"), /failed \(504\): gateway/);
    assert.equal(server.requests.length, 3);
  });

  it("should not retry a POST that got a bare 503 or a 500, since it may have been applied", async () => {
    server.enqueue({ status: 503 }, { status: 500 });
    await assert.rejects(
      client().createPermalink({ user: { name: "A" } }),
      /POST \/permalink failed \(503\)/,
    );
    await assert.rejects(client().startRecording(ACCESS_KEY), /failed \(500\)/);
    assert.equal(server.requests.length, 2);
  });

  it("should retry a POST that got 429, which means it was not carried out", async () => {
    server.enqueue({ status: 429, headers: { "retry-after": "0" } }, { status: 201 });
    await client().startRecording(ACCESS_KEY);
    assert.equal(server.requests.length, 2);
  });

  it("should retry a POST that got 503 with Retry-After: the server says later, not halfway", async () => {
    server.enqueue({ status: 503, headers: { "retry-after": "0" } }, { status: 201 });
    await client().startRecording(ACCESS_KEY);
    assert.equal(server.requests.length, 2);
  });

  it("should not retry client errors such as 400, 404 or 409", async () => {
    server.enqueue({ status: 400 }, { status: 404 }, { status: 409 });
    const c = client();
    await assert.rejects(c.getRecording("r1"), /\(400\)/);
    await assert.rejects(c.getRecording("r1"), /\(404\)/);
    await assert.rejects(c.getRecording("r1"), /\(409\)/);
    assert.equal(server.requests.length, 3);
  });

  it("should retry a GET whose connection was reset", async () => {
    server.enqueue({ reset: true }, { body: ROOM_WIRE });
    const room = await client().getRoom(ACCESS_KEY);
    assert.equal(room.accessKey, ACCESS_KEY);
    assert.equal(server.requests.length, 2);
  });

  it("should not retry a POST whose connection was reset, since the server may have acted", async () => {
    server.enqueue({ reset: true }, { body: ROOM_WIRE });
    const err = await client()
      .startRoom({ user: { name: "A" } })
      .then(
        () => assert.fail("expected a connection error"),
        (e: unknown) => e,
      );
    assert.ok(EyesonConnectionError.isInstance(err));
    assert.equal(err.status, 0);
    assert.equal(err.timedOut, false);
    assert.equal(err.retryable, true);
    assert.match(err.message, /POST \/rooms failed/);
    assert.equal(server.requests.length, 1);
  });

  it("should retry a POST whose connection was refused, since it never reached the server", async () => {
    const spare = await startScriptedServer();
    await spare.pause();
    const c = new EyesonClient({
      apiKey: API_KEY,
      endpoint: spare.url,
      retry: NO_DELAY_RETRY_POLICY,
      env: {},
      // The server comes up during the first wait, so the retry finds it.
      sleep: async (ms) => {
        waits.push(ms);
        await spare.resume();
      },
    });
    clients.push(c);
    try {
      spare.enqueue({ status: 201, body: ROOM_WIRE });
      const room = await c.startRoom({ user: { name: "A" } });
      assert.equal(room.accessKey, ACCESS_KEY);
      assert.equal(waits.length, 1);
      assert.equal(spare.requests.length, 1);
    } finally {
      await spare.close();
    }
  });

  it("should report a refused connection as a connection error naming the endpoint", async () => {
    const spare = await startScriptedServer();
    await spare.pause();
    const policy: RetryPolicy = { ...NO_DELAY_RETRY_POLICY, maxRetries: 1 };
    const err = await client({ endpoint: spare.url, retry: policy })
      .listRooms()
      .then(
        () => assert.fail("expected a connection error"),
        (e: unknown) => e,
      );
    assert.ok(EyesonConnectionError.isInstance(err));
    assert.equal(err.code, "ECONNREFUSED");
    assert.ok(err.message.includes(spare.url), err.message);
    assert.match(err.message, /check eyeson:endpoint/);
    assert.equal(waits.length, 1);
  });

  it("should time out a request that takes longer than timeoutMs", async () => {
    const policy: RetryPolicy = { ...NO_DELAY_RETRY_POLICY, maxRetries: 0 };
    server.enqueue({ delayMs: 5_000, body: [] });
    const err = await client({ timeoutMs: 50, retry: policy })
      .listRooms()
      .then(
        () => assert.fail("expected a timeout"),
        (e: unknown) => e,
      );
    assert.ok(EyesonConnectionError.isInstance(err));
    assert.equal(err.timedOut, true);
    assert.equal(err.status, 0);
    assert.match(err.message, /GET \/rooms failed \(timed out\): no response within 50 ms/);
  });

  it("should retry a GET that timed out and return the later success", async () => {
    // The timeout covers the retry too; a second long enough for a loaded machine, the first answer held far longer.
    server.enqueue({ delayMs: 60_000, body: [] }, { body: [] });
    assert.deepEqual(await client({ timeoutMs: 1_000 }).listRooms(), []);
    assert.equal(server.requests.length, 2);
  });

  it("should not retry a POST that timed out", async () => {
    server.enqueue({ delayMs: 5_000, status: 201 }, { status: 201 });
    await assert.rejects(client({ timeoutMs: 50 }).takeSnapshot(ACCESS_KEY), (e: unknown) =>
      EyesonConnectionError.isInstance(e),
    );
    assert.equal(server.requests.length, 1);
  });

  it("marks 5xx and 429 errors retryable and 4xx errors not", async () => {
    const policy: RetryPolicy = { ...NO_DELAY_RETRY_POLICY, maxRetries: 0 };
    const c = client({ retry: policy });
    for (const [status, retryable] of [
      [500, true],
      [503, true],
      [429, true],
      [400, false],
      [404, false],
      [410, false],
    ] as const) {
      server.enqueue({ status });
      const err = await c.listRooms().then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(EyesonApiError.isInstance(err), `status ${status}`);
      assert.equal(err.retryable, retryable, `status ${status}`);
    }
  });

  it("reuses keep-alive connections instead of opening one per request", async () => {
    const c = client();
    for (let i = 0; i < 6; i++) {
      server.enqueue({ body: [] });
      await c.listRooms();
    }
    const ports = new Set(server.requests.map((r) => r.remotePort));
    assert.equal(server.requests.length, 6);
    assert.ok(ports.size < 6, `${ports.size} connections for 6 requests`);
  });

  describe("policy helpers", () => {
    it("the default policy retries 429 and 5xx, four times, within 30 s of waiting", () => {
      assert.deepEqual([...DEFAULT_RETRY_POLICY.retryStatuses], [429, 500, 502, 503, 504]);
      assert.equal(DEFAULT_RETRY_POLICY.maxRetries, 4);
      assert.equal(DEFAULT_RETRY_POLICY.maxTotalWaitMs, 30_000);
      assert.equal(NO_DELAY_RETRY_POLICY.maxRetries, DEFAULT_RETRY_POLICY.maxRetries);
      assert.equal(NO_DELAY_RETRY_POLICY.baseDelayMs, 0);
    });

    it("full jitter stays within base * 2^(n-1), capped at maxDelayMs", () => {
      assert.equal(
        backoffDelay(DEFAULT_RETRY_POLICY, 1, () => 0.999),
        249,
      );
      assert.equal(
        backoffDelay(DEFAULT_RETRY_POLICY, 3, () => 0.5),
        500,
      );
      assert.equal(
        backoffDelay(DEFAULT_RETRY_POLICY, 10, () => 0.999),
        7992,
      );
      assert.equal(
        backoffDelay(DEFAULT_RETRY_POLICY, 2, () => 0),
        0,
      );
    });

    it("Retry-After parses seconds and HTTP dates, and ignores garbage", () => {
      const now = Date.parse("2025-01-01T00:00:00Z");
      assert.equal(parseRetryAfter("3", now), 3000);
      assert.equal(parseRetryAfter("0", now), 0);
      assert.equal(parseRetryAfter("Wed, 01 Jan 2025 00:00:10 GMT", now), 10_000);
      assert.equal(parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", now), 0);
      assert.equal(parseRetryAfter("soon", now), undefined);
      assert.equal(parseRetryAfter(undefined, now), undefined);
    });
  });
});
