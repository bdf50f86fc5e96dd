/** Webhook deliveries to a local receiver: payloads, signatures, bookkeeping, replacement and failures. */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { client, closedPort, expectStatus, startRoom, type Body } from "./helpers";

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: Body;
}

/** A webhook receiver on 127.0.0.1 that answers `status` and keeps what it got. */
async function receiver(
  status = 201,
): Promise<{ url: string; received: Received[]; status: number; close(): Promise<void> }> {
  const received: Received[] = [];
  const state = { status };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      received.push({ headers: req.headers, raw, body: JSON.parse(raw) });
      res.writeHead(state.status);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    get status() {
      return state.status;
    },
    set status(value: number) {
      state.status = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("emulator: webhook deliveries", () => {
  let emulator: EmulatorHandle;
  let c: ReturnType<typeof client>;
  let hook: Awaited<ReturnType<typeof receiver>>;

  before(async () => {
    emulator = await startEmulator({ strict: true, seed: 3 });
    c = client(emulator);
    hook = await receiver();
  });
  after(async () => {
    await emulator.close();
    await hook.close();
  });
  beforeEach(() => {
    emulator.reset();
    hook.received.length = 0;
    hook.status = 201;
  });

  it("POSTs signed room, participant, recording and snapshot updates and records the last response", async () => {
    expectStatus(
      await c.api("POST", "/webhooks", {
        form: { url: hook.url, types: "room_update,recording_update,snapshot_update,participant_update" },
      }),
      201,
    );
    const room = await startRoom(emulator, { id: "hooked", user: { id: "alice", name: "Alice" } });
    expectStatus(await c.open("GET", `/rooms/${room.access_key}`), 200);
    expectStatus(
      await c.open("POST", `/guests/${room.room.guest_token}`, { json: { name: "Bob", id: "bob" } }),
      201,
    );
    expectStatus(await c.open("POST", `/rooms/${room.access_key}/recording`), 201);
    expectStatus(await c.open("DELETE", `/rooms/${room.access_key}/recording`), 200);
    expectStatus(await c.open("POST", `/rooms/${room.access_key}/snapshot`), 201);
    expectStatus(await c.open("DELETE", `/rooms/${room.access_key}/users/bob`), 200);
    expectStatus(await c.open("DELETE", `/rooms/${room.access_key}`), 204);
    await emulator.deliveries.idle();

    for (const r of hook.received) {
      const expected = createHmac("sha256", emulator.apiKey).update(r.raw).digest("hex");
      assert.equal(r.headers["x-eyeson-signature"], expected);
      assert.equal(r.headers["content-type"], "application/json");
      assert.equal(typeof r.body.timestamp, "number");
    }
    const summary = hook.received.map((r) => {
      const b = r.body;
      switch (b.type) {
        case "room_update":
          return `room ready=${b.room.ready} shutdown=${b.room.shutdown}`;
        case "participant_update":
          return `participant ${b.participant.id} online=${b.participant.online}`;
        case "recording_update":
          return `recording duration=${b.recording.duration === null ? "null" : "set"} download=${b.recording.links.download === null ? "null" : "set"}`;
        default:
          return `snapshot ${b.snapshot.creator.id}`;
      }
    });
    assert.deepEqual(summary, [
      "room ready=false shutdown=false",
      "participant alice online=true",
      "room ready=true shutdown=false",
      "participant bob online=true",
      "recording duration=null download=null",
      "recording duration=set download=null",
      "recording duration=set download=set",
      "snapshot alice",
      "participant bob online=false",
      "room ready=false shutdown=true",
    ]);
    const last = hook.received.at(-1)?.body;
    assert.deepEqual(Object.keys(last.room), [
      "id",
      "name",
      "ready",
      "started_at",
      "shutdown",
      "guest_token",
    ]);
    assert.equal(last.room.started_at, null);

    const registered = expectStatus(await c.api("GET", "/webhooks"), 200);
    assert.equal(registered.last_response_code, "201");
    assert.match(registered.last_request_sent_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
    assert.ok(emulator.deliveries.list().every((d) => d.status === 201));
  });

  it("sends each delivery on a connection of its own, never on an idle one the receiver may be closing", async () => {
    expectStatus(
      await c.api("POST", "/webhooks", { json: { url: hook.url, types: ["snapshot_update"] } }),
      201,
    );
    const room = await startRoom(emulator);
    expectStatus(await c.open("POST", `/rooms/${room.access_key}/snapshot`), 201);
    expectStatus(await c.open("POST", `/rooms/${room.access_key}/snapshot`), 201);
    await emulator.deliveries.idle();
    assert.deepEqual(
      hook.received.map((r) => r.headers.connection),
      ["close", "close"],
    );
  });

  it("delivers only the registered types", async () => {
    expectStatus(
      await c.api("POST", "/webhooks", { json: { url: hook.url, types: ["snapshot_update"] } }),
      201,
    );
    const room = await startRoom(emulator);
    expectStatus(await c.open("POST", `/rooms/${room.access_key}/snapshot`), 201);
    await emulator.deliveries.idle();
    assert.deepEqual(
      hook.received.map((r) => r.body.type),
      ["snapshot_update"],
    );
    assert.equal(hook.received[0].body.snapshot.room.id, room.room.id);
  });

  it("replaces the webhook on a new registration and answers null once it is deleted", async () => {
    expectStatus(await c.api("POST", "/webhooks", { form: { url: hook.url, types: "room_update" } }), 201);
    const first = expectStatus(await c.api("GET", "/webhooks"), 200);
    expectStatus(
      await c.api("POST", "/webhooks", { form: { url: `${hook.url}/v2`, types: "recording_update" } }),
      201,
    );
    const second = expectStatus(await c.api("GET", "/webhooks"), 200);
    assert.notEqual(second.id, first.id);
    assert.equal(second.url, `${hook.url}/v2`);
    assert.equal(second.last_response_code, null);
    expectStatus(await c.api("DELETE", `/webhooks/${first.id}`), 404);
    expectStatus(await c.api("DELETE", `/webhooks/${second.id}`), 204);
    const none = await c.api("GET", "/webhooks");
    assert.equal(none.status, 200);
    assert.equal(none.text, "null");
  });

  it("records a failing receiver's status and keeps serving when the receiver is unreachable", async () => {
    hook.status = 500;
    expectStatus(await c.api("POST", "/webhooks", { form: { url: hook.url, types: "room_update" } }), 201);
    await startRoom(emulator);
    await emulator.deliveries.idle();
    assert.equal(expectStatus(await c.api("GET", "/webhooks"), 200).last_response_code, "500");

    // A port nothing listens on: the connection is refused.
    const refused = `http://127.0.0.1:${await closedPort()}/hook`;
    expectStatus(await c.api("POST", "/webhooks", { form: { url: refused, types: "room_update" } }), 201);
    await startRoom(emulator);
    await emulator.deliveries.idle();
    const failed = emulator.deliveries.list().at(-1);
    assert.equal(failed?.status, null);
    assert.equal(failed?.error, "ECONNREFUSED");
    const webhook = expectStatus(await c.api("GET", "/webhooks"), 200);
    assert.equal(webhook.last_response_code, null);
    assert.notEqual(webhook.last_request_sent_at, null);
    expectStatus(await c.api("GET", "/rooms"), 200);
  });

  it("drops deliveries still queued when the emulator is reset", async () => {
    // A receiver that holds its first answer until released, so the second delivery stays queued.
    let release: () => void = () => undefined;
    let arrived: () => void = () => undefined;
    const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
    const held: string[] = [];
    const slow = createServer((req, res) => {
      req.resume();
      held.push(req.url ?? "");
      arrived();
      release = () => res.end();
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = slow.address() as AddressInfo;
      expectStatus(
        await c.api("POST", "/webhooks", {
          form: { url: `http://127.0.0.1:${port}/slow`, types: "room_update" },
        }),
        201,
      );
      await startRoom(emulator);
      await startRoom(emulator);
      await firstArrived;
      emulator.reset();
      release();
      await emulator.deliveries.idle();
      assert.equal(held.length, 1);
      assert.deepEqual(emulator.deliveries.list(), []);
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });

  it("does not call non-loopback URLs unless allowed", async () => {
    expectStatus(
      await c.api("POST", "/webhooks", {
        form: { url: "https://hooks.example.com/eyeson", types: "room_update" },
      }),
      201,
    );
    await startRoom(emulator);
    await emulator.deliveries.idle();
    const skipped = emulator.deliveries.list();
    assert.equal(skipped.length, 1);
    assert.equal(skipped[0].status, null);
    assert.match(skipped[0].error ?? "", /loopback/);
    assert.equal(expectStatus(await c.api("GET", "/webhooks"), 200).last_request_sent_at, null);
  });

  it("calls non-loopback URLs when allowed", async () => {
    const open = await startEmulator({ seed: 3, allowExternalWebhooks: true });
    try {
      // `.invalid` never resolves (RFC 2606), so the attempt fails at once and nothing leaves the machine.
      expectStatus(
        await client(open).api("POST", "/webhooks", {
          form: { url: "https://hooks.example.invalid/eyeson", types: "room_update" },
        }),
        201,
      );
      await startRoom(open);
      await open.deliveries.idle();
      const attempted = open.deliveries.list();
      assert.equal(attempted.length, 1);
      assert.equal(attempted[0].status, null);
      assert.doesNotMatch(attempted[0].error ?? "", /loopback/, "the delivery was attempted, not skipped");
      assert.notEqual(
        expectStatus(await client(open).api("GET", "/webhooks"), 200).last_request_sent_at,
        null,
      );
    } finally {
      await open.close();
    }
  });
});
