/** Several API keys on one emulator: each sees only its own rooms, permalinks, documents and webhook. */
import assert from "node:assert/strict";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { client, expectStatus, startRoom } from "./helpers";

describe("emulator: two API keys", () => {
  let emulator: EmulatorHandle;
  let a: ReturnType<typeof client>;
  let b: ReturnType<typeof client>;

  before(async () => {
    emulator = await startEmulator({ strict: true, apiKeys: ["key-team-a", "key-team-b"] });
    a = client(emulator, "key-team-a");
    b = client(emulator, "key-team-b");
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  it("exposes both keys and uses the first as the default", () => {
    assert.equal(emulator.apiKey, "key-team-a");
    assert.deepEqual(emulator.apiKeys, ["key-team-a", "key-team-b"]);
  });

  it("keeps rooms with the same id apart and hides one key's rooms from the other", async () => {
    const roomA = await startRoom(emulator, { id: "shared-name" }, "key-team-a");
    const roomB = await startRoom(emulator, { id: "shared-name" }, "key-team-b");
    assert.notEqual(roomA.room.guest_token, roomB.room.guest_token);
    assert.equal(expectStatus(await a.api("GET", "/rooms"), 200).length, 1);
    expectStatus(await b.api("DELETE", "/rooms/shared-name"), 204);
    expectStatus(await a.open("GET", `/rooms/${roomA.access_key}`), 200);
    expectStatus(await b.open("GET", `/rooms/${roomB.access_key}`), 410);

    const only = await startRoom(emulator, { id: "a-only" }, "key-team-a");
    expectStatus(await b.api("DELETE", "/rooms/a-only"), 404);
    expectStatus(await b.api("GET", "/rooms/a-only/users"), 404);
    expectStatus(
      await b.api("POST", "/rooms/a-only/forward/mcu", {
        json: { forward_id: "f", type: "video", url: "https://w.example.com" },
      }),
      404,
    );
    expectStatus(await a.open("POST", `/rooms/${only.access_key}/recording`), 201);
    expectStatus(await a.open("DELETE", `/rooms/${only.access_key}/recording`), 200);
    expectStatus(await a.open("POST", `/rooms/${only.access_key}/snapshot`), 201);
    const [recording] = expectStatus(await a.api("GET", "/rooms/a-only/recordings"), 200);
    const [snapshot] = expectStatus(await a.api("GET", "/rooms/a-only/snapshots"), 200);
    expectStatus(await b.api("GET", "/rooms/a-only/recordings"), 404);
    expectStatus(await b.api("GET", `/recordings/${recording.id}`), 404);
    expectStatus(await b.api("DELETE", `/snapshots/${snapshot.id}`), 404);
    expectStatus(await a.api("GET", `/snapshots/${snapshot.id}`), 200);
  });

  it("keeps permalinks and webhooks per key", async () => {
    const permalink = expectStatus(await a.api("POST", "/permalink", { json: { user: { name: "A" } } }), 201);
    assert.equal(expectStatus(await b.api("GET", "/permalink"), 200).total, 0);
    expectStatus(await b.api("GET", `/permalink/${permalink.permalink.id}`), 404);
    expectStatus(
      await b.api("PUT", `/permalink/${permalink.permalink.id}`, { json: { name: "stolen" } }),
      404,
    );
    expectStatus(await b.api("DELETE", `/permalink/${permalink.permalink.id}`), 404);

    expectStatus(
      await a.api("POST", "/webhooks", { form: { url: "http://127.0.0.1:9/a", types: "room_update" } }),
      201,
    );
    assert.equal(expectStatus(await b.api("GET", "/webhooks"), 200), null);
    expectStatus(
      await b.api("POST", "/webhooks", { form: { url: "http://127.0.0.1:9/b", types: "room_update" } }),
      201,
    );
    const hookA = expectStatus(await a.api("GET", "/webhooks"), 200);
    const hookB = expectStatus(await b.api("GET", "/webhooks"), 200);
    assert.equal(hookA.url, "http://127.0.0.1:9/a");
    expectStatus(await b.api("DELETE", `/webhooks/${hookA.id}`), 404);
    expectStatus(await b.api("DELETE", `/webhooks/${hookB.id}`), 204);
    assert.equal(expectStatus(await a.api("GET", "/webhooks"), 200).id, hookA.id);
  });

  it("rejects keys it was not configured with", async () => {
    const body = expectStatus(await client(emulator, "key-team-c").api("GET", "/rooms"), 403);
    assert.deepEqual(body, { error: "Invalid API key" });
  });
});
