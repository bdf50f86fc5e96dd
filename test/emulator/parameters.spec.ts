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
import { PROBES, world } from "./probes";

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
