/**
 * The request shapes of eyeson's four official SDKs (`docs/api-notes.md`, "Request and response encoding"),
 * as each sends them: JSON bodies from eyeson-node, PHP's form fields (booleans as `true`/`false` at the top
 * level and `1`/`0` nested), eyeson-go's forms with repeated `users[]`, `z-index` and `playback[...]`, and
 * eyeson-ruby's forms with legacy `layout` and `platform` and an API key on every call. Each call answers its
 * documented status and nothing it sends is ignored: every field is one the emulator knows.
 */
import assert from "node:assert/strict";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { call, expectStatus, png, type Body, type CallOptions } from "./helpers";

const HEADER = "x-emulator-ignored-parameters";
const MEDIA = "https://example.com/briefing.webm";
const WHIP = "https://example.com/whip";

describe("emulator: the official SDKs' request shapes", () => {
  let emulator: EmulatorHandle;
  before(async () => {
    // A user's emulator, not strict: what matters is that nothing these SDKs send is ignored.
    emulator = await startEmulator({ seed: 23 });
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  /** Sends one SDK call (`key` true: with the API key) and checks its status and that nothing was ignored. */
  async function send(
    method: string,
    path: string,
    status: number,
    opts: Omit<CallOptions, "key"> & { key?: boolean } = {},
  ): Promise<Body> {
    const res = await call(emulator.url, method, path, { ...opts, key: opts.key ? emulator.apiKey : null });
    const body = expectStatus(res, status);
    assert.equal(res.headers.get(HEADER), null, `${method} ${path} ignored ${res.headers.get(HEADER)}`);
    return body;
  }

  function meeting(roomId: string) {
    const found = [...emulator.store.meetings.values()].find((m) => m.roomId === roomId && !m.endedAt);
    return found ?? assert.fail(`no running meeting in ${roomId}`);
  }

  it("eyeson-node: JSON bodies, nested objects, the playback[...] wrapper and a multipart layer", async () => {
    const room = await send("POST", "/rooms", 201, {
      key: true,
      json: {
        id: "standup",
        name: "Standup",
        user: { name: "Jane", id: "jane", avatar: "https://example.com/jane.png" },
        options: {
          sfu_mode: "disabled",
          widescreen: true,
          background_color: "#121212",
          custom_fields: { locale: "de", hide_chat: true },
        },
      },
    });
    assert.deepEqual(room.options.custom_fields, { locale: "de", hide_chat: true });
    const ak = room.access_key as string;
    const guest = await send("POST", `/guests/${room.room.guest_token as string}`, 201, {
      json: {
        name: "Guest",
        id: "guest-1",
        avatar: "https://example.com/g.png",
        custom_fields: { locale: "en" },
      },
    });
    assert.equal(guest.user.guest, true);
    await send("POST", `/rooms/${ak}/messages`, 201, { json: { type: "chat", content: "hello" } });
    await send("POST", `/rooms/${ak}/layout`, 200, {
      json: {
        layout: "custom",
        name: "two",
        map: [
          [0, 0, 640, 720, "cover"],
          [640, 0, 640, 720, "cover"],
        ],
        users: ["jane", ""],
        show_names: true,
        voice_activation: false,
        audio_insert: "audio_only",
        audio_insert_position: { x: 10, y: 20 },
      },
    });
    await send("POST", `/rooms/${ak}/layers`, 201, {
      json: { url: "https://example.com/bg.png", "z-index": -1 },
    });
    const form = new FormData();
    form.append("file", new Blob([png()]), "blob");
    form.append("z-index", "1");
    form.append("id", "logo");
    await send("POST", `/rooms/${ak}/layers`, 201, { multipart: form });
    await send("POST", `/rooms/${ak}/playbacks`, 201, {
      json: { playback: { url: MEDIA, play_id: "intro", audio: true, loop_count: 0, name: "Intro" } },
    });
    await send("POST", `/rooms/${ak}/broadcasts`, 201, {
      json: { stream_url: "rtmp://example.com/live/key" },
    });
    await send("GET", "/rooms/standup/users", 200, { key: true, query: { online: "true" } });
    await send("POST", "/rooms/standup/forward/source", 201, {
      key: true,
      json: { forward_id: "jane-out", user_id: "jane", type: "audio,video", url: WHIP },
    });
    await send("POST", "/webhooks", 201, {
      key: true,
      json: { url: "https://hooks.example.com/eyeson", types: "room_update,recording_update" },
    });
    const permalink = await send("POST", "/permalink", 201, {
      key: true,
      json: { user: { name: "Host" }, name: "War room", expires_at: "2099-01-01T00:00:00.000Z" },
    });
    const id = permalink.permalink.id as string;
    await send("PUT", `/permalink/${id}`, 200, { key: true, json: { options: { widescreen: false } } });
    await send("POST", `/permalink/${id}/users`, 201, { key: true, json: { user: { name: "Second" } } });
    const list = await send("GET", "/permalink", 200, {
      key: true,
      query: { page: "1", limit: "25", expired: "false" },
    });
    assert.equal(list.total, 1);

    const state = meeting("standup");
    assert.deepEqual(state.options.layout_users, ["jane", ""]);
    assert.deepEqual(state.options.audio_insert_position, { x: 10, y: 20 });
    assert.equal(state.layers.foreground?.id, "logo");
    assert.equal(state.layers.background?.url, "https://example.com/bg.png");
    assert.deepEqual([state.playbacks[0].play_id, state.playbacks[0].audio], ["intro", true]);
  });

  it("eyeson-php: form fields with Rails brackets, top-level booleans as true/false and nested ones as 1/0", async () => {
    const room = await send("POST", "/rooms", 201, {
      key: true,
      form: {
        "user[id]": "jane",
        "user[name]": "Jane",
        "user[avatar]": "https://example.com/jane.png",
        id: "standup",
        name: "Standup",
        "options[show_names]": "true",
        "options[sfu_mode]": "disabled",
        "options[custom_fields][virtual_background]": "true",
        "options[custom_fields][virtual_background_allow_local_image]": "true",
        "options[custom_fields][iframe_postmessage_origin]": "https://example.com",
      },
    });
    assert.equal(room.options.custom_fields.virtual_background, true);
    const ak = room.access_key as string;
    await send("POST", `/guests/${room.room.guest_token as string}`, 201, {
      form: { name: "Guest", id: "g1" },
    });
    await send("POST", `/rooms/${ak}/layout`, 200, { form: { layout: "custom", "users[]": ["jane", "g1"] } });
    await send("POST", `/rooms/${ak}/layers`, 201, {
      form: { url: "https://example.com/bg.png", "z-index": "-1" },
    });
    const form = new FormData();
    form.append("file", new Blob([png()], { type: "image/png" }), "overlay.png");
    form.append("z-index", "1");
    await send("POST", `/rooms/${ak}/layers`, 201, { multipart: form });
    await send("POST", `/rooms/${ak}/layers`, 201, {
      form: { "insert[content]": "All hands", "insert[title]": "Incident 42" },
    });
    await send("POST", `/rooms/${ak}/playbacks`, 201, {
      form: { "playback[url]": MEDIA, "playback[play_id]": "5f1d7a0b2c3e4", "playback[audio]": "1" },
    });
    await send("POST", `/rooms/${ak}/broadcasts`, 201, {
      form: { stream_url: "rtmp://example.com/live/key", player_url: "https://example.com/watch" },
    });
    await send("POST", `/rooms/${ak}/messages`, 201, { form: { type: "chat", content: "hello" } });
    await send("GET", "/rooms/standup/users", 200, { key: true, query: { online: "true" } });
    await send("POST", "/rooms/standup/forward/mcu", 201, {
      key: true,
      form: { forward_id: "mcu-out", type: "audio,video", url: WHIP },
    });
    await send("POST", "/webhooks", 201, {
      key: true,
      form: {
        url: "https://hooks.example.com/eyeson",
        types: "room_update,recording_update,participant_update,snapshot_update",
      },
    });
    const permalink = await send("POST", "/permalink", 201, {
      key: true,
      form: { "user[name]": "Host", name: "War room", "options[widescreen]": "false" },
    });
    const id = permalink.permalink.id as string;
    const updated = await send("PUT", `/permalink/${id}`, 200, {
      key: true,
      form: { "options[recording_available]": "false", expires_at: "2099-01-01T00:00:00.000Z" },
    });
    assert.equal(updated.options.recording_available, false);
    await send("POST", `/permalink/${id}/users`, 201, { key: true, form: { "user[name]": "Second" } });

    const state = meeting("standup");
    assert.deepEqual(state.options.layout_users, ["jane", "g1"]);
    assert.deepEqual(state.layers.foreground?.insert, { content: "All hands", title: "Incident 42" });
    assert.equal(state.playbacks[0].audio, true);
  });

  it("eyeson-go: forms with repeated users[], a map as a JSON string, z-index, playback[...] and a multipart image", async () => {
    const room = await send("POST", "/rooms", 201, {
      key: true,
      form: { id: "standup", "user[name]": "Jane", "options[widescreen]": "true" },
    });
    const ak = room.access_key as string;
    const userId = room.user.id as string;
    await send("POST", `/guests/${room.room.guest_token as string}`, 201, {
      form: { name: "Guest", id: "g1", avatar: "https://example.com/g.png" },
    });
    await send("POST", `/rooms/${ak}/layout`, 200, {
      form: {
        layout: "custom",
        "users[]": [userId, ""],
        voice_activation: "true",
        show_names: "false",
        name: "two",
        map: '[[0, 0, 640, 720, "cover"], [640, 0, 640, 720, "contain"]]',
        audio_insert: "audio_only",
        "audio_insert_position[x]": "10",
        "audio_insert_position[y]": "20",
      },
    });
    await send("POST", `/rooms/${ak}/layers`, 201, {
      form: { url: "https://example.com/bg.png", "z-index": "-1", id: "bg" },
    });
    const form = new FormData();
    form.append("file", new Blob([png()]), "layer-img.png");
    form.append("z-index", "1");
    form.append("id", "overlay");
    await send("POST", `/rooms/${ak}/layers`, 201, { multipart: form });
    await send("POST", `/rooms/${ak}/playbacks`, 201, {
      form: {
        "playback[url]": MEDIA,
        "playback[play_id]": "clip",
        "playback[name]": "Clip",
        "playback[loop_count]": "-1",
        "playback[audio]": "false",
      },
    });
    await send("POST", `/rooms/${ak}/messages`, 201, { form: { type: "custom", content: '{"ping":1}' } });
    await send("POST", `/rooms/${ak}/broadcasts`, 201, {
      form: { stream_url: "rtmp://example.com/live/key" },
    });
    await send("POST", `/rooms/${ak}/snapshot`, 201);
    await send("GET", "/rooms/standup/snapshots", 200, {
      key: true,
      query: { page: "1", started_at: room.room.started_at as string },
    });
    await send("POST", "/rooms/standup/forward/source", 201, {
      key: true,
      form: { forward_id: "out", user_id: userId, url: WHIP, type: "audio,video" },
    });
    await send("POST", "/webhooks", 201, {
      key: true,
      form: { url: "https://hooks.example.com/eyeson", types: "room_update,snapshot_update" },
    });

    const state = meeting("standup");
    assert.deepEqual(state.options.layout_users, [userId, ""]);
    assert.equal(state.options.voice_activation, true);
    assert.equal(state.options.show_names, false);
    assert.deepEqual(state.options.layout_map?.[1], [640, 0, 640, 720, "contain"]);
    assert.deepEqual([state.layers.background?.id, state.layers.foreground?.id], ["bg", "overlay"]);
    assert.deepEqual([state.playbacks[0].loop_count, state.playbacks[0].audio], [-1, false]);
  });

  it("eyeson-ruby: forms with an API key on every call, legacy layout on layers and platform on broadcasts", async () => {
    const room = await send("POST", "/rooms", 201, {
      key: true,
      form: {
        id: "standup",
        name: "Standup",
        "user[id]": "jane",
        "user[name]": "Jane",
        "options[show_names]": "false",
      },
    });
    const ak = room.access_key as string;
    // The gem sends its API key even on access-key calls; the emulator ignores the header there.
    await send("POST", `/rooms/${ak}/layers`, 201, {
      key: true,
      form: { url: "https://example.com/bg.png", "z-index": "-1" },
    });
    await send("POST", `/rooms/${ak}/layers`, 201, {
      key: true,
      form: { "insert[title]": "Agenda", "insert[content]": "1. Status", "z-index": "1", layout: "fixed" },
    });
    await send("DELETE", `/rooms/${ak}/layers/-1`, 200, { key: true, form: { layout: "auto" } });
    await send("POST", `/rooms/${ak}/broadcasts`, 201, {
      key: true,
      form: { platform: "youtube", stream_url: "rtmp://example.com/live/key" },
    });
    await send("POST", `/rooms/${ak}/messages`, 201, { key: true, form: { type: "chat", content: "hello" } });
    await send("POST", "/webhooks", 201, {
      key: true,
      form: { url: "https://hooks.example.com/eyeson", types: "room_update,recording_update" },
    });

    const state = meeting("standup");
    assert.equal(state.layers.background, null);
    assert.equal(state.layers.foreground?.layout, "fixed");
    assert.equal(state.broadcast?.platform, "youtube");
  });
});
