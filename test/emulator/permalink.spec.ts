/** A permalink's life against the emulator: hosts, tokens, meetings, guests, expiry, update and delete. */
import assert from "node:assert/strict";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { client, expectStatus } from "./helpers";

describe("emulator: a permalink's life", () => {
  let emulator: EmulatorHandle;
  let now: Date;
  let c: ReturnType<typeof client>;

  before(async () => {
    emulator = await startEmulator({ strict: true, seed: 5, clock: () => now });
    c = client(emulator);
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    now = new Date("2025-03-13T15:50:21.347Z");
    emulator.reset();
  });

  it("creates, adds a host, starts by token, lets a guest in, revokes a removed host, updates and deletes", async () => {
    const created = expectStatus(
      await c.api("POST", "/permalink", {
        json: {
          name: "Situation room",
          user: { name: "John Doe", id: "johndoe" },
          options: { recording_available: false },
        },
      }),
      201,
    );
    const id: string = created.permalink.id;
    assert.equal(created.permalink.created_at, "2025-03-13T15:50:21.347Z");
    assert.equal(created.options.widescreen, true, "permalinks default to widescreen");
    assert.equal(created.links.self, `${emulator.url}/permalink/${id}`);
    assert.equal(created.links.gui, `${emulator.url}/permalink?${created.permalink.user_token}`);
    assert.equal(
      created.links.guest_join,
      `${emulator.url}/permalink?guest=${created.permalink.guest_token}`,
    );

    // Guests must wait until a host has started the meeting.
    expectStatus(
      await c.open("POST", `/guests/${created.permalink.guest_token}`, { json: { name: "Early" } }),
      410,
    );

    const added = expectStatus(
      await c.api("POST", `/permalink/${id}/users`, { form: { "user[name]": "Jane", "user[id]": "jane" } }),
      201,
    );
    const janeToken: string = added.permalink.user_token;
    assert.notEqual(janeToken, created.permalink.user_token);
    assert.equal(added.user.id, "jane");
    assert.equal(added.links.gui, `${emulator.url}/permalink?${janeToken}`);

    // GET by token needs no API key and shows the host's own view.
    const info = expectStatus(await c.open("GET", `/permalink/${janeToken}`), 200);
    assert.equal(info.user.id, "jane");
    assert.equal(info.room.started_at, null);

    // The added host starts the meeting; the room id is the permalink id.
    const meeting = expectStatus(await c.open("POST", `/permalink/${janeToken}`), 201);
    assert.equal(meeting.room.id, id);
    assert.equal(meeting.user.id, "jane");
    assert.equal(meeting.options.recording_available, false);
    expectStatus(await c.open("POST", `/rooms/${meeting.access_key}/recording`), 405);
    const running = expectStatus(await c.api("GET", `/permalink/${id}`), 200);
    assert.equal(running.room.started_at, meeting.room.started_at);
    assert.equal(running.user.id, "johndoe", "the permalink is shown through its creator");

    // The creator joins the same meeting; a guest joins with the permalink's guest token.
    const creator = expectStatus(await c.open("POST", `/permalink/${created.permalink.user_token}`), 201);
    assert.equal(creator.room.started_at, meeting.room.started_at);
    const guest = expectStatus(
      await c.open("POST", `/guests/${created.permalink.guest_token}`, { json: { name: "Visitor" } }),
      201,
    );
    assert.equal(guest.room.id, id);
    assert.equal(guest.links.guest_join, created.links.guest_join);

    // Removing the host kills the token; the meeting itself goes on.
    expectStatus(await c.api("DELETE", `/permalink/${id}/users/${janeToken}`), 200);
    expectStatus(await c.open("GET", `/permalink/${janeToken}`), 404);
    expectStatus(await c.open("POST", `/permalink/${janeToken}`), 404);
    expectStatus(await c.api("DELETE", `/permalink/${id}/users/${janeToken}`), 404);
    expectStatus(await c.open("GET", `/rooms/${meeting.access_key}`), 200);

    // The last host cannot be removed.
    expectStatus(await c.api("DELETE", `/permalink/${id}/users/${created.permalink.user_token}`), 400);

    // Update: name, options (also applied to the running meeting) and expiry.
    const updated = expectStatus(
      await c.api("PUT", `/permalink/${id}`, {
        json: {
          name: "Renamed",
          expires_at: "2025-04-01T00:00:00.000Z",
          options: { recording_available: true, custom_fields: { locale: "de" } },
        },
      }),
      200,
    );
    assert.equal(updated.room.name, "Renamed");
    assert.equal(updated.permalink.expires_at, "2025-04-01T00:00:00.000Z");
    assert.deepEqual(updated.options.custom_fields, { locale: "de" });
    expectStatus(await c.open("POST", `/rooms/${meeting.access_key}/recording`), 201);
    const cleared = expectStatus(await c.api("PUT", `/permalink/${id}`, { json: { expires_at: null } }), 200);
    assert.equal(cleared.permalink.expires_at, null);

    // Delete: the meeting ends, tokens die, the permalink is gone.
    expectStatus(await c.api("DELETE", `/permalink/${id}`), 200);
    expectStatus(await c.open("GET", `/rooms/${meeting.access_key}`), 410);
    expectStatus(await c.open("POST", `/permalink/${created.permalink.user_token}`), 404);
    expectStatus(await c.api("GET", `/permalink/${id}`), 404);
    assert.equal(expectStatus(await c.api("GET", "/permalink"), 200).total, 0);
  });

  it("shows a meeting started from a permalink as running, in its room's started_at and in GET /rooms, until it is ended", async () => {
    const created = expectStatus(
      await c.api("POST", "/permalink", { json: { user: { name: "Host" } } }),
      201,
    );
    const id: string = created.permalink.id;
    const meeting = expectStatus(await c.open("POST", `/permalink/${created.permalink.user_token}`), 201);
    now = new Date("2025-03-13T16:30:00.000Z");
    const running = expectStatus(await c.api("GET", `/permalink/${id}`), 200);
    assert.equal(running.room.started_at, "2025-03-13T15:50:21.347Z", "set when the meeting started");
    const rooms = expectStatus(await c.api("GET", "/rooms"), 200);
    assert.deepEqual(
      rooms.map((r: { id: string; started_at: string }) => [r.id, r.started_at]),
      [[id, "2025-03-13T15:50:21.347Z"]],
    );
    assert.equal(
      expectStatus(await c.open("GET", `/permalink/${created.permalink.user_token}`), 200).room.started_at,
      running.room.started_at,
    );
    expectStatus(await c.open("DELETE", `/rooms/${meeting.access_key}`), 204);
    assert.equal(expectStatus(await c.api("GET", `/permalink/${id}`), 200).room.started_at, null);
    assert.deepEqual(expectStatus(await c.api("GET", "/rooms"), 200), []);
  });

  it("refuses to start an expired permalink's meeting with 410 and starts it again once the expiry is lifted", async () => {
    const created = expectStatus(
      await c.api("POST", "/permalink", {
        json: { user: { name: "Host" }, expires_at: "2025-03-14T00:00:00Z" },
      }),
      201,
    );
    const token: string = created.permalink.user_token;
    now = new Date("2025-03-15T00:00:00Z");
    const refused = expectStatus(await c.open("POST", `/permalink/${token}`), 410);
    assert.match(refused.error, /expired/);
    expectStatus(
      await c.api("PUT", `/permalink/${created.permalink.id}`, { json: { expires_at: null } }),
      200,
    );
    expectStatus(await c.open("POST", `/permalink/${token}`), 201);
  });

  it("lists permalinks in pages with the expired filter", async () => {
    for (let i = 0; i < 3; i += 1) {
      expectStatus(
        await c.api("POST", "/permalink", { json: { name: `live ${i}`, user: { name: "H" } } }),
        201,
      );
    }
    expectStatus(
      await c.api("POST", "/permalink", {
        json: { name: "old", user: { name: "H" }, expires_at: "2020-01-01T00:00:00Z" },
      }),
      201,
    );
    const page = expectStatus(await c.api("GET", "/permalink", { query: { page: "2", limit: "2" } }), 200);
    assert.deepEqual(
      {
        page: page.page,
        limit: page.limit,
        total: page.total,
        names: page.items.map((p: { room: { name: string } }) => p.room.name),
      },
      { page: 2, limit: 2, total: 4, names: ["live 2", "old"] },
    );
    const expired = expectStatus(await c.api("GET", "/permalink", { query: { expired: "true" } }), 200);
    assert.deepEqual(
      expired.items.map((p: { room: { name: string } }) => p.room.name),
      ["old"],
    );
    const defaults = expectStatus(await c.api("GET", "/permalink"), 200);
    assert.deepEqual([defaults.page, defaults.limit, defaults.total], [1, 25, 4]);
  });
});
