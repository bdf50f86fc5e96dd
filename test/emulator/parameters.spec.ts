/**
 * Where the emulator reads parameters and what it does with the ones an endpoint does not take
 * (`docs/api-notes.md`, "Request and response encoding" and "Unknown parameters"): the query string and the
 * body merged as Rails merges them, scalars as strings, unknown names ignored and named by default, refused
 * in strict mode, on every endpoint.
 */
import assert from "node:assert/strict";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { ROUTES } from "../../emulator/server";
import { call, client, expectStatus, png, startRoom, type Body, type CallOptions } from "./helpers";

const HEADER = "x-emulator-ignored-parameters";

describe("emulator: parameters from the query string and the body", () => {
  let emulator: EmulatorHandle;
  let c: ReturnType<typeof client>;
  before(async () => {
    emulator = await startEmulator({ seed: 31 });
    c = client(emulator);
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  it("reads a POST's parameters from the query string when the body is empty", async () => {
    const room = expectStatus(
      await c.api("POST", "/rooms", {
        query: { id: "q", "user[name]": "Alice", "options[widescreen]": "true" },
      }),
      201,
    );
    assert.deepEqual([room.room.id, room.user.name, room.options.widescreen], ["q", "Alice", true]);
  });

  it("merges the query and the body as Rails does: a top-level key of the query replaces the body's whole", async () => {
    const room = expectStatus(
      await c.api("POST", "/rooms", {
        query: { name: "From the query" },
        json: { name: "From the body", user: { name: "Alice" } },
      }),
      201,
    );
    assert.equal(room.room.name, "From the query");
    // `user` of the query replaces the body's `user`, name and all (a shallow merge, as in Rails).
    const res = await c.api("POST", "/rooms", { query: { "user[id]": "q" }, json: { user: { name: "B" } } });
    assert.equal(expectStatus(res, 400).error, "Missing parameter: user[name]");
  });

  it("reads a multipart file with its z-index in the query string", async () => {
    const room = await startRoom(emulator);
    const form = new FormData();
    form.append("file", new Blob([png()], { type: "image/png" }), "background.png");
    expectStatus(
      await c.open("POST", `/rooms/${room.access_key as string}/layers`, {
        query: { "z-index": "-1" },
        multipart: form,
      }),
      201,
    );
    const meeting = [...emulator.store.meetings.values()][0];
    assert.equal(meeting.layers.background?.file?.filename, "background.png");
    assert.equal(meeting.layers.foreground, null);
  });

  it('reads booleans as "true", "True" and "1" and numbers as "-1" where the field wants them', async () => {
    const room = expectStatus(
      await c.api("POST", "/rooms", {
        form: {
          "user[name]": "Alice",
          "options[widescreen]": "True",
          "options[show_names]": "FALSE",
          "options[lock_available]": "1",
        },
      }),
      201,
    );
    assert.deepEqual(
      [room.options.widescreen, room.options.show_names, room.options.lock_available],
      [true, false, true],
    );
    const ak = room.access_key as string;
    expectStatus(
      await c.open("POST", `/rooms/${ak}/playbacks`, {
        form: { url: "https://example.com/v.webm", play_id: "loop", loop_count: "-1", audio: "1" },
      }),
      201,
    );
    expectStatus(
      await c.open("POST", `/rooms/${ak}/layout`, {
        form: { "audio_insert_position[x]": "-1", "audio_insert_position[y]": "12.5" },
      }),
      200,
    );
    const meeting = [...emulator.store.meetings.values()][0];
    assert.deepEqual([meeting.playbacks[0].loop_count, meeting.playbacks[0].audio], [-1, true]);
    assert.deepEqual(meeting.options.audio_insert_position, { x: -1, y: 12.5 });
    const bad = await c.api("POST", "/rooms", { form: { "user[name]": "A", "options[widescreen]": "yes" } });
    assert.equal(
      expectStatus(bad, 400).error,
      "Invalid parameter: options[widescreen] (expected true or false)",
    );
  });
});

describe("emulator: unknown parameters", () => {
  let emulator: EmulatorHandle;
  let c: ReturnType<typeof client>;
  before(async () => {
    emulator = await startEmulator({ seed: 32 });
    c = client(emulator);
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.reset();
    emulator.strict = false;
  });

  /** A form a client of its own would send: one documented parameter and three the endpoint does not take. */
  const EXTRAS: CallOptions = {
    query: { colour: "red" },
    form: { "user[name]": "Alice", "user[nickname]": "Al", "options[layout]": "custom" },
  };

  it("ignores them by default, naming them in X-Emulator-Ignored-Parameters and the request log (body first, then query)", async () => {
    const res = await c.api("POST", "/rooms", EXTRAS);
    const room = expectStatus(res, 201);
    assert.equal(room.options.layout, "auto");
    assert.equal(res.headers.get(HEADER), "user[nickname], options[layout], colour");
    const [entry] = emulator.requests.list();
    assert.deepEqual(entry.ignored, ["user[nickname]", "options[layout]", "colour"]);
    const logged = expectStatus(await call(emulator.url, "GET", "/__emulator/requests"), 200) as Body[];
    assert.deepEqual(logged[0].ignored, ["user[nickname]", "options[layout]", "colour"]);
  });

  it("answers without the header, and logs no ignored list, when nothing was ignored", async () => {
    const res = await c.api("POST", "/rooms", { form: { "user[name]": "Alice" } });
    expectStatus(res, 201);
    assert.equal(res.headers.get(HEADER), null);
    assert.equal("ignored" in emulator.requests.list()[0], false);
  });

  it("names what it ignored on an error response too, so a misplaced parameter is easy to spot", async () => {
    const res = await c.api("POST", "/rooms", { form: { "usr[name]": "Alice" } });
    assert.equal(expectStatus(res, 400).error, "Missing parameter: user[name]");
    assert.equal(res.headers.get(HEADER), "usr");
    assert.deepEqual(emulator.requests.list()[0].ignored, ["usr"]);
  });

  it("refuses them with 400 in strict mode (the startEmulator option) and acts on nothing", async () => {
    const strict = await startEmulator({ seed: 33, strict: true });
    try {
      assert.equal(strict.strict, true);
      const res = await client(strict).api("POST", "/rooms", EXTRAS);
      assert.equal(expectStatus(res, 400).error, "Unknown parameter: user[nickname]");
      assert.equal(res.headers.get(HEADER), null);
      assert.equal(strict.store.meetings.size, 0);
      const [entry] = strict.requests.list();
      assert.equal(entry.status, 400);
      assert.equal(entry.ignored, undefined);
    } finally {
      await strict.close();
    }
  });

  it("switches strict mode over GET/PUT /__emulator/strict while it runs, and keeps it across a reset", async () => {
    const control = (method: string, json?: unknown) =>
      call(emulator.url, method, "/__emulator/strict", json === undefined ? {} : { json });
    assert.deepEqual(expectStatus(await control("GET"), 200), { strict: false });
    assert.deepEqual(expectStatus(await control("PUT", { strict: true }), 200), { strict: true });
    assert.equal(emulator.strict, true);
    emulator.reset();
    assert.equal(
      expectStatus(await c.api("POST", "/rooms", EXTRAS), 400).error,
      "Unknown parameter: user[nickname]",
    );
    assert.deepEqual(expectStatus(await control("PUT", { strict: false }), 200), { strict: false });
    expectStatus(await c.api("POST", "/rooms", EXTRAS), 201);
    assert.equal(
      expectStatus(await control("PUT", { strict: "yes" }), 400).error,
      "strict must be true or false",
    );
    assert.equal(expectStatus(await control("PUT", { strict: true, x: 1 }), 400).error, "Unknown field: x");
    const post = await control("POST", {});
    expectStatus(post, 405);
    assert.equal(post.headers.get("allow"), "GET, PUT");
    assert.equal(emulator.strict, false);
  });

  it("turns strict on and off through the handle's strict property", async () => {
    emulator.strict = true;
    expectStatus(await c.api("POST", "/rooms", EXTRAS), 400);
    assert.deepEqual(expectStatus(await call(emulator.url, "GET", "/__emulator/strict"), 200), {
      strict: true,
    });
    emulator.strict = false;
    expectStatus(await c.api("POST", "/rooms", EXTRAS), 201);
  });

  it("percent-encodes a comma, a percent sign and non-ASCII in the header and shows at most 50 names", async () => {
    const res = await c.api("POST", "/rooms", {
      form: { "user[name]": "A", "a,b": "1", ü: "1", "100%": "1" },
    });
    expectStatus(res, 201);
    assert.equal(res.headers.get(HEADER), "a%2Cb, %C3%BC, 100%25");
    assert.deepEqual(emulator.requests.list()[0].ignored, ["a,b", "ü", "100%"]);
    const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`extra${i}`, "1"]));
    const crowded = await c.api("POST", "/rooms", { form: { "user[name]": "A", ...many } });
    const names = crowded.headers.get(HEADER)?.split(", ") ?? [];
    assert.deepEqual(names.slice(0, 2), ["extra0", "extra1"]);
    assert.equal(names.length, 51);
    assert.equal(names[50], "(and 10 more)");
    assert.equal(emulator.requests.list()[1].ignored?.length, 51);
  });

  it("shows a token-shaped segment of an ignored name as *** (the log never holds a token)", async () => {
    const token = "VgoCcMUSQQ6h4zwpEfBuo0rZ";
    const res = await c.api("POST", "/rooms", { form: { "user[name]": "A", [`options[${token}]`]: "1" } });
    expectStatus(res, 201);
    assert.equal(res.headers.get(HEADER), "options[***]");
    assert.deepEqual(emulator.requests.list()[0].ignored, ["options[***]"]);
  });
});

/** What one probe request needs: ids and tokens of a meeting with everything in it. */
interface World {
  readonly ak: string;
  readonly guestToken: string;
  readonly permalinkId: string;
  readonly hostToken: string;
  readonly secondHostToken: string;
  readonly recordingId: string;
  readonly snapshotId: string;
  readonly webhookId: string;
}

const ROOM = "probe-room";
const MEDIA = "https://example.com/clip.webm";
const WHIP = "https://example.com/whip";

/** A running meeting of two users with a finished recording, a snapshot, a playback, a layer and a forward. */
async function world(emulator: EmulatorHandle): Promise<World> {
  const c = client(emulator);
  const room = await startRoom(emulator, {
    id: ROOM,
    user: { name: "A", id: "a" },
    options: { lock_available: true },
  });
  const ak = room.access_key as string;
  expectStatus(await c.api("POST", "/rooms", { json: { id: ROOM, user: { name: "B", id: "b" } } }), 201);
  const permalink = expectStatus(await c.api("POST", "/permalink", { json: { user: { name: "H" } } }), 201);
  const permalinkId = permalink.permalink.id as string;
  const second = expectStatus(
    await c.api("POST", `/permalink/${permalinkId}/users`, { json: { user: { name: "H2" } } }),
    201,
  );
  expectStatus(await c.open("POST", `/rooms/${ak}/recording`), 201);
  expectStatus(await c.open("DELETE", `/rooms/${ak}/recording`), 200);
  expectStatus(await c.open("POST", `/rooms/${ak}/snapshot`), 201);
  expectStatus(await c.open("POST", `/rooms/${ak}/playbacks`, { json: { url: MEDIA, play_id: "p1" } }), 201);
  expectStatus(
    await c.open("POST", `/rooms/${ak}/layers`, { json: { url: "https://example.com/l.png" } }),
    201,
  );
  const forward = { forward_id: "f1", type: "video", url: WHIP };
  expectStatus(await c.api("POST", `/rooms/${ROOM}/forward/mcu`, { json: forward }), 201);
  const hook = { url: "https://hooks.example.com/eyeson", types: "room_update" };
  expectStatus(await c.api("POST", "/webhooks", { json: hook }), 201);
  return {
    ak,
    guestToken: room.room.guest_token as string,
    permalinkId,
    hostToken: permalink.permalink.user_token as string,
    secondHostToken: second.permalink.user_token as string,
    recordingId: [...emulator.store.recordings.keys()][0],
    snapshotId: [...emulator.store.snapshots.keys()][0],
    webhookId: expectStatus(await c.api("GET", "/webhooks"), 200).id as string,
  };
}

/** A valid request to one endpoint in that world: with the API key or without any credential. */
interface Probe {
  readonly method: string;
  readonly path: string;
  readonly key: boolean;
  readonly json?: unknown;
  /** Requests that must come first (a running broadcast or recording to stop). */
  readonly prepare?: ReadonlyArray<readonly [method: string, path: string, json?: unknown]>;
}

/** One valid request for every route of the emulator, by route name. */
const PROBES: Readonly<Record<string, (w: World) => Probe>> = {
  "POST /rooms": () => ({ method: "POST", path: "/rooms", key: true, json: { user: { name: "C" } } }),
  "GET /rooms": () => ({ method: "GET", path: "/rooms", key: true }),
  "GET /rooms/:accessKey": (w) => ({ method: "GET", path: `/rooms/${w.ak}`, key: false }),
  "DELETE /rooms/:accessKey": (w) => ({ method: "DELETE", path: `/rooms/${w.ak}`, key: false }),
  "DELETE /rooms/:roomId": () => ({ method: "DELETE", path: `/rooms/${ROOM}`, key: true }),
  "POST /rooms/:accessKey/lock": (w) => ({ method: "POST", path: `/rooms/${w.ak}/lock`, key: false }),
  "GET /rooms/:accessKey/users": (w) => ({ method: "GET", path: `/rooms/${w.ak}/users`, key: false }),
  "GET /rooms/:roomId/users": () => ({ method: "GET", path: `/rooms/${ROOM}/users`, key: true }),
  "GET /rooms/:accessKey/users/:userId": (w) => ({
    method: "GET",
    path: `/rooms/${w.ak}/users/a`,
    key: false,
  }),
  "DELETE /rooms/:accessKey/users/:userId": (w) => ({
    method: "DELETE",
    path: `/rooms/${w.ak}/users/b`,
    key: false,
  }),
  "POST /guests/:guestToken": (w) => ({
    method: "POST",
    path: `/guests/${w.guestToken}`,
    key: false,
    json: { name: "G" },
  }),
  "POST /permalink": () => ({ method: "POST", path: "/permalink", key: true, json: { user: { name: "P" } } }),
  "GET /permalink": () => ({ method: "GET", path: "/permalink", key: true }),
  "GET /permalink/:userToken": (w) => ({ method: "GET", path: `/permalink/${w.hostToken}`, key: false }),
  "GET /permalink/:permalinkId": (w) => ({ method: "GET", path: `/permalink/${w.permalinkId}`, key: true }),
  "POST /permalink/:userToken": (w) => ({ method: "POST", path: `/permalink/${w.hostToken}`, key: false }),
  "PUT /permalink/:permalinkId": (w) => ({
    method: "PUT",
    path: `/permalink/${w.permalinkId}`,
    key: true,
    json: { name: "N" },
  }),
  "DELETE /permalink/:permalinkId": (w) => ({
    method: "DELETE",
    path: `/permalink/${w.permalinkId}`,
    key: true,
  }),
  "POST /permalink/:permalinkId/users": (w) => ({
    method: "POST",
    path: `/permalink/${w.permalinkId}/users`,
    key: true,
    json: { user: { name: "H3" } },
  }),
  "DELETE /permalink/:permalinkId/users/:userToken": (w) => ({
    method: "DELETE",
    path: `/permalink/${w.permalinkId}/users/${w.secondHostToken}`,
    key: true,
  }),
  "POST /rooms/:accessKey/messages": (w) => ({
    method: "POST",
    path: `/rooms/${w.ak}/messages`,
    key: false,
    json: { type: "chat", content: "hi" },
  }),
  "POST /rooms/:accessKey/layers": (w) => ({
    method: "POST",
    path: `/rooms/${w.ak}/layers`,
    key: false,
    json: { url: "https://example.com/x.png" },
  }),
  "DELETE /rooms/:accessKey/layers/:index": (w) => ({
    method: "DELETE",
    path: `/rooms/${w.ak}/layers/1`,
    key: false,
  }),
  "POST /rooms/:accessKey/layout": (w) => ({
    method: "POST",
    path: `/rooms/${w.ak}/layout`,
    key: false,
    json: { layout: "auto" },
  }),
  "POST /rooms/:accessKey/playbacks": (w) => ({
    method: "POST",
    path: `/rooms/${w.ak}/playbacks`,
    key: false,
    json: { url: MEDIA, play_id: "p2" },
  }),
  "DELETE /rooms/:accessKey/playbacks/:playId": (w) => ({
    method: "DELETE",
    path: `/rooms/${w.ak}/playbacks/p1`,
    key: false,
  }),
  "POST /rooms/:accessKey/broadcasts": (w) => ({
    method: "POST",
    path: `/rooms/${w.ak}/broadcasts`,
    key: false,
    json: { stream_url: "rtmp://example.com/live/k" },
  }),
  "PUT /rooms/:accessKey/broadcasts": (w) => ({
    method: "PUT",
    path: `/rooms/${w.ak}/broadcasts`,
    key: false,
    json: { player_url: "https://example.com/watch" },
    prepare: [["POST", `/rooms/${w.ak}/broadcasts`, { stream_url: "rtmp://example.com/live/k" }]],
  }),
  "DELETE /rooms/:accessKey/broadcasts": (w) => ({
    method: "DELETE",
    path: `/rooms/${w.ak}/broadcasts`,
    key: false,
    prepare: [["POST", `/rooms/${w.ak}/broadcasts`, { stream_url: "rtmp://example.com/live/k" }]],
  }),
  "POST /rooms/:accessKey/recording": (w) => ({
    method: "POST",
    path: `/rooms/${w.ak}/recording`,
    key: false,
  }),
  "DELETE /rooms/:accessKey/recording": (w) => ({
    method: "DELETE",
    path: `/rooms/${w.ak}/recording`,
    key: false,
    prepare: [["POST", `/rooms/${w.ak}/recording`]],
  }),
  "GET /recordings/:recordingId": (w) => ({ method: "GET", path: `/recordings/${w.recordingId}`, key: true }),
  "DELETE /recordings/:recordingId": (w) => ({
    method: "DELETE",
    path: `/recordings/${w.recordingId}`,
    key: true,
  }),
  "GET /rooms/:roomId/recordings": () => ({ method: "GET", path: `/rooms/${ROOM}/recordings`, key: true }),
  "POST /rooms/:accessKey/snapshot": (w) => ({ method: "POST", path: `/rooms/${w.ak}/snapshot`, key: false }),
  "GET /snapshots/:snapshotId": (w) => ({ method: "GET", path: `/snapshots/${w.snapshotId}`, key: true }),
  "GET /rooms/:accessKey/snapshots/:snapshotId": (w) => ({
    method: "GET",
    path: `/rooms/${w.ak}/snapshots/${w.snapshotId}`,
    key: false,
  }),
  "DELETE /snapshots/:snapshotId": (w) => ({
    method: "DELETE",
    path: `/snapshots/${w.snapshotId}`,
    key: true,
  }),
  "GET /rooms/:roomId/snapshots": () => ({ method: "GET", path: `/rooms/${ROOM}/snapshots`, key: true }),
  "POST /rooms/:roomId/forward/source": () => ({
    method: "POST",
    path: `/rooms/${ROOM}/forward/source`,
    key: true,
    json: { forward_id: "f2", user_id: "a", type: "audio,video", url: WHIP },
  }),
  "POST /rooms/:roomId/forward/mcu": () => ({
    method: "POST",
    path: `/rooms/${ROOM}/forward/mcu`,
    key: true,
    json: { forward_id: "f3", type: "video", url: WHIP },
  }),
  "POST /rooms/:roomId/forward/playback": () => ({
    method: "POST",
    path: `/rooms/${ROOM}/forward/playback`,
    key: true,
    json: { forward_id: "f4", play_id: "p1", type: "video", url: WHIP },
  }),
  "DELETE /rooms/:roomId/forward/:forwardId": () => ({
    method: "DELETE",
    path: `/rooms/${ROOM}/forward/f1`,
    key: true,
  }),
  "POST /webhooks": () => ({
    method: "POST",
    path: "/webhooks",
    key: true,
    json: { url: "https://hooks.example.com/other", types: "recording_update" },
  }),
  "GET /webhooks": () => ({ method: "GET", path: "/webhooks", key: true }),
  "DELETE /webhooks/:webhookId": (w) => ({ method: "DELETE", path: `/webhooks/${w.webhookId}`, key: true }),
};

describe("emulator: every endpoint reads its parameters through one policy", () => {
  let emulator: EmulatorHandle;
  before(async () => {
    emulator = await startEmulator({ seed: 34 });
  });
  after(async () => {
    await emulator.close();
  });

  /** Sends the probe of `route` with an extra `zz_probe` in the query string, in a fresh world. */
  async function probe(route: string, strict: boolean) {
    emulator.reset();
    emulator.strict = false;
    const w = await world(emulator);
    const p = PROBES[route](w);
    const key = p.key ? emulator.apiKey : null;
    for (const [method, path, json] of p.prepare ?? []) {
      const res = await call(emulator.url, method, path, { key, json });
      assert.ok(res.status < 300, `${route}: preparing ${method} ${path} answered ${res.status} ${res.text}`);
    }
    emulator.strict = strict;
    emulator.requests.clear();
    const res = await call(emulator.url, p.method, p.path, { key, json: p.json, query: { zz_probe: "1" } });
    const [entry] = emulator.requests.list();
    assert.equal(entry.route, route, `${p.method} ${p.path} was routed to ${entry.route}`);
    return { res, entry };
  }

  it("has a probe for every route", () => {
    assert.deepEqual(Object.keys(PROBES).sort(), ROUTES.map((r) => `${r.method} ${r.pattern}`).sort());
  });

  it("ignores an unknown query parameter on every endpoint by default, and names it", async () => {
    for (const route of Object.keys(PROBES)) {
      const { res, entry } = await probe(route, false);
      assert.ok(res.status >= 200 && res.status < 300, `${route} answered ${res.status} ${res.text}`);
      assert.equal(res.headers.get(HEADER), "zz_probe", `${route}: header`);
      assert.deepEqual(entry.ignored, ["zz_probe"], `${route}: request log`);
    }
  });

  it("refuses an unknown query parameter on every endpoint in strict mode", async () => {
    for (const route of Object.keys(PROBES)) {
      const { res, entry } = await probe(route, true);
      assert.equal(res.status, 400, `${route} answered ${res.status} ${res.text}`);
      assert.deepEqual(res.body, { error: "Unknown parameter: zz_probe" }, route);
      assert.equal(entry.ignored, undefined, `${route}: request log`);
    }
  });
});
