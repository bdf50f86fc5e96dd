// What each engine operation costs at the API, and what each resource costs in the state: the counts the
// benchmark reports (BENCHMARKS.md), pinned here so that a change to them is a decision, not an accident.
// Needs `npm run build` (the engine's provider host loads `pulumi-eyeson/provider/...` from dist).
import assert from "node:assert/strict";
import { Permalink } from "../../provider/resources/permalink";
import { PermalinkHost } from "../../provider/resources/permalinkHost";
import { Webhook } from "../../provider/resources/webhook";
import { useEmulatorStack } from "./emulatorStack";
import { apiRequests, type Deployment } from "./harness";

const ROOMS = 3;
/**
 * The read-only request with which `check` proves the API key, once per provider process, so that a preview
 * fails on a key the `up` would fail on. Each engine operation starts its own provider process.
 */
const KEY_CHECK = "GET /permalink";
// The serialized provider is stored twice per resource (inputs and outputs).
const MAX_PROVIDER_BYTES = 1024;

const program = (roomName: string) => async (): Promise<Record<string, unknown>> => {
  const rooms = Array.from(
    { length: ROOMS },
    (_, i) => new Permalink(`room-${i}`, { name: `${roomName} ${i}`, user: { name: "Host", id: "host" } }),
  );
  new PermalinkHost("deputy", { permalink: rooms[0], user: { name: "Deputy", id: "deputy" } });
  new Webhook("hook", { url: "https://hooks.example.com/eyeson", types: ["room_update"] });
  return {};
};

/** Route counts, e.g. `{ "POST /permalink": 3 }`. */
function counted(routes: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const route of routes) out[route] = (out[route] ?? 0) + 1;
  return out;
}

function providerTexts(state: Deployment): string[] {
  return (state.deployment.resources ?? [])
    .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))
    .flatMap((r) => [r.inputs?.__provider, r.outputs?.__provider])
    .map((text) => String(text));
}

describe("requests per operation and state per resource, through the real engine", function () {
  this.timeout(300_000);

  const { emu, stack } = useEmulatorStack({
    emulator: { strict: true },
    stack: { program: program("Room"), projectName: "eyeson-requests" },
  });
  const requests = (): Record<string, number> => counted(apiRequests(emu()));

  beforeEach(() => emu().requests.clear());

  it("sends nothing for a preview but the key check", async () => {
    await stack().preview();
    assert.deepEqual(requests(), { [KEY_CHECK]: 1 });
  });

  it("creates with one request per permalink and host; the webhook needs three (look, register, read back)", async () => {
    await stack().up();
    assert.deepEqual(requests(), {
      [KEY_CHECK]: 1,
      "POST /permalink": ROOMS,
      "POST /permalink/:permalinkId/users": 1,
      "GET /webhooks": 2,
      "POST /webhooks": 1,
    });
  });

  it("keeps the serialized provider of every resource within 1 KB, in its inputs and its outputs", async () => {
    const texts = providerTexts(await stack().exportState());
    assert.equal(texts.length, 2 * (ROOMS + 2));
    for (const text of texts) {
      assert.ok(Buffer.byteLength(text) <= MAX_PROVIDER_BYTES, `${Buffer.byteLength(text)} bytes`);
    }
  });

  it("sends nothing for a preview or an up without changes but the key check of each", async () => {
    await stack().preview();
    await stack().up();
    assert.deepEqual(requests(), { [KEY_CHECK]: 2 });
  });

  it("updates each renamed permalink with one request", async () => {
    stack().setProgram(program("Renamed"));
    await stack().up();
    assert.deepEqual(requests(), { [KEY_CHECK]: 1, "PUT /permalink/:permalinkId": ROOMS });
  });

  it("refreshes with one read per permalink and webhook; a host checks its permalink and its token", async () => {
    await stack().refresh();
    assert.deepEqual(requests(), {
      "GET /permalink/:permalinkId": ROOMS + 1,
      "GET /permalink/:userToken": 1,
      "GET /webhooks": 1,
    });
  });

  it("destroys with one request per permalink and host, each after one read that no meeting runs in its room; the webhook first checks it is still this one", async () => {
    await stack().destroy();
    assert.deepEqual(requests(), {
      "GET /permalink/:permalinkId": ROOMS + 1,
      "DELETE /permalink/:permalinkId": ROOMS,
      "DELETE /permalink/:permalinkId/users/:userToken": 1,
      "GET /webhooks": 1,
      "DELETE /webhooks/:webhookId": 1,
    });
  });
});
