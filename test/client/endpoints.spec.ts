import assert from "node:assert/strict";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import type { EyesonApi } from "../../provider/eyesonApi";
import { startScriptedServer, type ScriptedResponse, type ScriptedServer } from "../support/scripted-server";
import {
  ACCESS_KEY,
  API_KEY,
  GUEST_TOKEN,
  PARTICIPANT,
  PARTICIPANT_WIRE,
  PERMALINK,
  PERMALINK_WIRE,
  RECORDING,
  RECORDING_WIRE,
  ROOM,
  ROOM_INFO,
  ROOM_INFO_WIRE,
  ROOM_WIRE,
  SNAPSHOT,
  SNAPSHOT_WIRE,
  USER,
  USER_TOKEN,
  USER_WIRE,
  WEBHOOK,
  WEBHOOK_WIRE,
} from "./fixtures";

type Auth = "api" | "none";

interface EndpointCase {
  readonly method: keyof EyesonApi;
  readonly call: (client: EyesonClient) => Promise<unknown>;
  readonly http: string;
  readonly path: string;
  readonly auth: Auth;
  readonly query?: Record<string, string>;
  /** The JSON body expected on the wire; absent means no body at all. */
  readonly json?: unknown;
  readonly reply: ScriptedResponse;
  readonly result: unknown;
}

const AK = ACCESS_KEY;
const NO_BODY: ScriptedResponse = { status: 201 };
const EMPTY_200: ScriptedResponse = { status: 200 };
const NO_CONTENT: ScriptedResponse = { status: 204 };

// One row per endpoint of the official list (`docs/api-notes.md`, "The endpoints"): 45 rows.
const CASES: readonly EndpointCase[] = [
  {
    method: "startRoom",
    call: (c) =>
      c.startRoom({
        id: "standup",
        name: "Daily",
        user: { name: "John Doe", id: "johndoe" },
        options: {
          sfuMode: "disabled",
          widescreen: true,
          exitUrl: "https://example.com/bye",
          audioInsertPosition: { x: 10, y: 20 },
          customFields: { locale: "de", hideChat: true, virtualBackgroundAllowGuest: false },
        },
      }),
    http: "POST",
    path: "/rooms",
    auth: "api",
    json: {
      id: "standup",
      name: "Daily",
      user: { name: "John Doe", id: "johndoe" },
      options: {
        sfu_mode: "disabled",
        widescreen: true,
        exit_url: "https://example.com/bye",
        audio_insert_position: { x: 10, y: 20 },
        custom_fields: { locale: "de", hide_chat: true, virtual_background_allow_guest: false },
      },
    },
    reply: { status: 201, body: ROOM_WIRE },
    result: ROOM,
  },
  {
    method: "getRoom",
    call: (c) => c.getRoom(AK),
    http: "GET",
    path: `/rooms/${AK}`,
    auth: "none",
    reply: { body: ROOM_WIRE },
    result: ROOM,
  },
  {
    method: "endRoom",
    call: (c) => c.endRoom(AK),
    http: "DELETE",
    path: `/rooms/${AK}`,
    auth: "none",
    reply: NO_CONTENT,
    result: true,
  },
  {
    method: "listRooms",
    call: (c) => c.listRooms(),
    http: "GET",
    path: "/rooms",
    auth: "api",
    reply: { body: [ROOM_INFO_WIRE] },
    result: [ROOM_INFO],
  },
  {
    method: "shutdownRoom",
    call: (c) => c.shutdownRoom("standup"),
    http: "DELETE",
    path: "/rooms/standup",
    auth: "api",
    reply: NO_CONTENT,
    result: true,
  },
  {
    method: "lockRoom",
    call: (c) => c.lockRoom(AK),
    http: "POST",
    path: `/rooms/${AK}/lock`,
    auth: "none",
    reply: NO_BODY,
    result: undefined,
  },
  {
    method: "listRoomUsers",
    call: (c) => c.listRoomUsers(AK, { online: true }),
    http: "GET",
    path: `/rooms/${AK}/users`,
    auth: "none",
    query: { online: "true" },
    reply: { body: [PARTICIPANT_WIRE] },
    result: [PARTICIPANT],
  },
  {
    method: "getRoomUser",
    call: (c) => c.getRoomUser(AK, "janedoe"),
    http: "GET",
    path: `/rooms/${AK}/users/janedoe`,
    auth: "none",
    reply: { body: USER_WIRE },
    result: USER,
  },
  {
    method: "kickRoomUser",
    call: (c) => c.kickRoomUser(AK, "janedoe"),
    http: "DELETE",
    path: `/rooms/${AK}/users/janedoe`,
    auth: "none",
    reply: EMPTY_200,
    result: true,
  },
  {
    method: "registerGuest",
    call: (c) => c.registerGuest(GUEST_TOKEN, { name: "Guest", id: "g1", customFields: { locale: "fr" } }),
    http: "POST",
    path: `/guests/${GUEST_TOKEN}`,
    auth: "none",
    json: { name: "Guest", id: "g1", custom_fields: { locale: "fr" } },
    reply: { status: 201, body: ROOM_WIRE },
    result: ROOM,
  },
  {
    method: "createPermalink",
    call: (c) =>
      c.createPermalink({
        name: "Permalink Room",
        user: { name: "John Doe", id: "johndoe" },
        expiresAt: "2030-01-01T00:00:00.000Z",
        options: { widescreen: true, recordingAvailable: false },
      }),
    http: "POST",
    path: "/permalink",
    auth: "api",
    json: {
      name: "Permalink Room",
      user: { name: "John Doe", id: "johndoe" },
      expires_at: "2030-01-01T00:00:00.000Z",
      options: { widescreen: true, recording_available: false },
    },
    reply: { status: 201, body: PERMALINK_WIRE },
    result: PERMALINK,
  },
  {
    method: "listPermalinks",
    call: (c) => c.listPermalinks({ page: 2, limit: 10, expired: false }),
    http: "GET",
    path: "/permalink",
    auth: "api",
    query: { page: "2", limit: "10", expired: "false" },
    reply: { body: { page: 2, limit: 10, total: 11, items: [PERMALINK_WIRE] } },
    result: { page: 2, limit: 10, total: 11, items: [PERMALINK] },
  },
  {
    method: "getPermalink",
    call: (c) => c.getPermalink("6643685b858f54f55edef723"),
    http: "GET",
    path: "/permalink/6643685b858f54f55edef723",
    auth: "api",
    reply: { body: PERMALINK_WIRE },
    result: PERMALINK,
  },
  {
    method: "updatePermalink",
    call: (c) =>
      c.updatePermalink("6643685b858f54f55edef723", { expiresAt: null, options: { showNames: false } }),
    http: "PUT",
    path: "/permalink/6643685b858f54f55edef723",
    auth: "api",
    json: { expires_at: null, options: { show_names: false } },
    reply: { body: PERMALINK_WIRE },
    result: PERMALINK,
  },
  {
    method: "deletePermalink",
    call: (c) => c.deletePermalink("6643685b858f54f55edef723"),
    http: "DELETE",
    path: "/permalink/6643685b858f54f55edef723",
    auth: "api",
    reply: EMPTY_200,
    result: true,
  },
  {
    method: "addPermalinkHost",
    call: (c) =>
      c.addPermalinkHost("6643685b858f54f55edef723", { name: "Ann", id: "ann", avatar: "https://a/p.png" }),
    http: "POST",
    path: "/permalink/6643685b858f54f55edef723/users",
    auth: "api",
    json: { user: { name: "Ann", id: "ann", avatar: "https://a/p.png" } },
    reply: { body: PERMALINK_WIRE },
    result: PERMALINK,
  },
  {
    method: "removePermalinkHost",
    call: (c) => c.removePermalinkHost("6643685b858f54f55edef723", USER_TOKEN),
    http: "DELETE",
    path: `/permalink/6643685b858f54f55edef723/users/${USER_TOKEN}`,
    auth: "api",
    reply: EMPTY_200,
    result: true,
  },
  {
    method: "getPermalinkRoom",
    call: (c) => c.getPermalinkRoom(USER_TOKEN),
    http: "GET",
    path: `/permalink/${USER_TOKEN}`,
    auth: "none",
    reply: { body: PERMALINK_WIRE },
    result: PERMALINK,
  },
  {
    method: "startPermalinkMeeting",
    call: (c) => c.startPermalinkMeeting(USER_TOKEN),
    http: "POST",
    path: `/permalink/${USER_TOKEN}`,
    auth: "none",
    reply: { status: 201, body: ROOM_WIRE },
    result: ROOM,
  },
  {
    method: "sendMessage",
    call: (c) => c.sendMessage(AK, { type: "custom", content: "hello" }),
    http: "POST",
    path: `/rooms/${AK}/messages`,
    auth: "none",
    json: { type: "custom", content: "hello" },
    reply: NO_BODY,
    result: undefined,
  },
  {
    method: "addLayer",
    call: (c) => c.addLayer(AK, { url: "https://example.com/bg.png", zIndex: -1, id: "bg" }),
    http: "POST",
    path: `/rooms/${AK}/layers`,
    auth: "none",
    json: { url: "https://example.com/bg.png", "z-index": "-1", id: "bg" },
    reply: NO_BODY,
    result: undefined,
  },
  {
    method: "removeLayer",
    call: (c) => c.removeLayer(AK, -1),
    http: "DELETE",
    path: `/rooms/${AK}/layers/-1`,
    auth: "none",
    reply: EMPTY_200,
    result: true,
  },
  {
    method: "setLayout",
    call: (c) =>
      c.setLayout(AK, {
        layout: "custom",
        name: "split",
        map: [
          [0, 0, 640, 720, "cover"],
          [640, 0, 640, 720, "contain"],
        ],
        users: ["johndoe", ""],
        voiceActivation: false,
        showNames: true,
        audioInsert: "audio_only",
        audioInsertPosition: { x: 1, y: 2 },
      }),
    http: "POST",
    path: `/rooms/${AK}/layout`,
    auth: "none",
    json: {
      layout: "custom",
      name: "split",
      map: [
        [0, 0, 640, 720, "cover"],
        [640, 0, 640, 720, "contain"],
      ],
      users: ["johndoe", ""],
      voice_activation: false,
      show_names: true,
      audio_insert: "audio_only",
      audio_insert_position: { x: 1, y: 2 },
    },
    reply: EMPTY_200,
    result: undefined,
  },
  {
    method: "startPlayback",
    call: (c) =>
      c.startPlayback(AK, {
        url: "https://x/v.webm",
        audio: true,
        playId: "intro",
        replacementId: "johndoe",
        loopCount: -1,
      }),
    http: "POST",
    path: `/rooms/${AK}/playbacks`,
    auth: "none",
    json: {
      url: "https://x/v.webm",
      audio: true,
      play_id: "intro",
      replacement_id: "johndoe",
      loop_count: -1,
    },
    reply: NO_BODY,
    result: undefined,
  },
  {
    method: "stopPlayback",
    call: (c) => c.stopPlayback(AK, "intro"),
    http: "DELETE",
    path: `/rooms/${AK}/playbacks/intro`,
    auth: "none",
    reply: EMPTY_200,
    result: true,
  },
  {
    method: "startBroadcast",
    call: (c) => c.startBroadcast(AK, { streamUrl: "rtmp://live/key", playerUrl: "https://watch/1" }),
    http: "POST",
    path: `/rooms/${AK}/broadcasts`,
    auth: "none",
    json: { stream_url: "rtmp://live/key", player_url: "https://watch/1" },
    reply: NO_BODY,
    result: undefined,
  },
  {
    method: "updateBroadcast",
    call: (c) => c.updateBroadcast(AK, { playerUrl: "https://watch/2" }),
    http: "PUT",
    path: `/rooms/${AK}/broadcasts`,
    auth: "none",
    json: { player_url: "https://watch/2" },
    reply: EMPTY_200,
    result: undefined,
  },
  {
    method: "stopBroadcast",
    call: (c) => c.stopBroadcast(AK),
    http: "DELETE",
    path: `/rooms/${AK}/broadcasts`,
    auth: "none",
    reply: EMPTY_200,
    result: true,
  },
  {
    method: "startRecording",
    call: (c) => c.startRecording(AK),
    http: "POST",
    path: `/rooms/${AK}/recording`,
    auth: "none",
    reply: NO_BODY,
    result: undefined,
  },
  {
    method: "stopRecording",
    call: (c) => c.stopRecording(AK),
    http: "DELETE",
    path: `/rooms/${AK}/recording`,
    auth: "none",
    reply: EMPTY_200,
    result: undefined,
  },
  {
    method: "getRecording",
    call: (c) => c.getRecording("63ede57ff3e015000fbe1af5"),
    http: "GET",
    path: "/recordings/63ede57ff3e015000fbe1af5",
    auth: "api",
    reply: { body: RECORDING_WIRE },
    result: RECORDING,
  },
  {
    method: "deleteRecording",
    call: (c) => c.deleteRecording("63ede57ff3e015000fbe1af5"),
    http: "DELETE",
    path: "/recordings/63ede57ff3e015000fbe1af5",
    auth: "api",
    reply: NO_CONTENT,
    result: true,
  },
  {
    method: "listRoomRecordings",
    call: (c) =>
      c.listRoomRecordings("standup", {
        page: 2,
        startedAt: "2025-01-01T00:00:00Z",
        since: "2025-01-01T00:00:00Z",
        until: "2025-02-01T00:00:00Z",
      }),
    http: "GET",
    path: "/rooms/standup/recordings",
    auth: "api",
    query: {
      page: "2",
      started_at: "2025-01-01T00:00:00Z",
      since: "2025-01-01T00:00:00Z",
      until: "2025-02-01T00:00:00Z",
    },
    reply: { body: [RECORDING_WIRE] },
    result: [RECORDING],
  },
  {
    method: "takeSnapshot",
    call: (c) => c.takeSnapshot(AK),
    http: "POST",
    path: `/rooms/${AK}/snapshot`,
    auth: "none",
    reply: NO_BODY,
    result: undefined,
  },
  {
    method: "getSnapshot",
    call: (c) => c.getSnapshot("67dabc51f71a86c897058e37"),
    http: "GET",
    path: "/snapshots/67dabc51f71a86c897058e37",
    auth: "api",
    reply: { body: SNAPSHOT_WIRE },
    result: SNAPSHOT,
  },
  {
    method: "getRoomSnapshot",
    call: (c) => c.getRoomSnapshot(AK, "67dabc51f71a86c897058e37"),
    http: "GET",
    path: `/rooms/${AK}/snapshots/67dabc51f71a86c897058e37`,
    auth: "none",
    reply: { body: SNAPSHOT_WIRE },
    result: SNAPSHOT,
  },
  {
    method: "deleteSnapshot",
    call: (c) => c.deleteSnapshot("67dabc51f71a86c897058e37"),
    http: "DELETE",
    path: "/snapshots/67dabc51f71a86c897058e37",
    auth: "api",
    reply: EMPTY_200,
    result: true,
  },
  {
    method: "listRoomSnapshots",
    call: (c) => c.listRoomSnapshots("standup"),
    http: "GET",
    path: "/rooms/standup/snapshots",
    auth: "api",
    query: {},
    reply: { body: [SNAPSHOT_WIRE] },
    result: [SNAPSHOT],
  },
  {
    method: "forwardSource",
    call: (c) =>
      c.forwardSource("standup", {
        forwardId: "fw1",
        userId: "johndoe",
        type: ["audio", "video"],
        url: "https://whip.example/1",
      }),
    http: "POST",
    path: "/rooms/standup/forward/source",
    auth: "api",
    json: { forward_id: "fw1", user_id: "johndoe", type: "audio,video", url: "https://whip.example/1" },
    reply: NO_BODY,
    result: undefined,
  },
  {
    method: "forwardMcu",
    call: (c) =>
      c.forwardMcu("standup", { forwardId: "fw2", type: ["video"], url: "https://whip.example/2" }),
    http: "POST",
    path: "/rooms/standup/forward/mcu",
    auth: "api",
    json: { forward_id: "fw2", type: "video", url: "https://whip.example/2" },
    reply: NO_BODY,
    result: undefined,
  },
  {
    method: "forwardPlayback",
    call: (c) =>
      c.forwardPlayback("standup", {
        forwardId: "fw3",
        playId: "intro",
        type: ["audio"],
        url: "https://whip.example/3",
      }),
    http: "POST",
    path: "/rooms/standup/forward/playback",
    auth: "api",
    json: { forward_id: "fw3", play_id: "intro", type: "audio", url: "https://whip.example/3" },
    reply: NO_BODY,
    result: undefined,
  },
  {
    method: "stopForward",
    call: (c) => c.stopForward("standup", "fw1"),
    http: "DELETE",
    path: "/rooms/standup/forward/fw1",
    auth: "api",
    reply: NO_CONTENT,
    result: true,
  },
  {
    method: "registerWebhook",
    call: (c) =>
      c.registerWebhook({ url: "https://example.com/hook", types: ["room_update", "recording_update"] }),
    http: "POST",
    path: "/webhooks",
    auth: "api",
    json: { url: "https://example.com/hook", types: "room_update,recording_update" },
    reply: NO_BODY,
    result: undefined,
  },
  {
    method: "getWebhook",
    call: (c) => c.getWebhook(),
    http: "GET",
    path: "/webhooks",
    auth: "api",
    reply: { body: WEBHOOK_WIRE },
    result: WEBHOOK,
  },
  {
    method: "deleteWebhook",
    call: (c) => c.deleteWebhook("63ede98fb20526000f64378a"),
    http: "DELETE",
    path: "/webhooks/63ede98fb20526000f64378a",
    auth: "api",
    reply: NO_CONTENT,
    result: true,
  },
];

function placeholders(path: string): string {
  return path.replace(AK, "ACCESS_KEY").replace(GUEST_TOKEN, "GUEST_TOKEN").replace(USER_TOKEN, "USER_TOKEN");
}

describe("EyesonClient endpoints", () => {
  let server: ScriptedServer;
  let client: EyesonClient;

  before(async () => {
    server = await startScriptedServer();
    client = new EyesonClient({
      apiKey: API_KEY,
      endpoint: server.url,
      retry: NO_DELAY_RETRY_POLICY,
      env: {},
    });
  });
  beforeEach(() => server.reset());
  after(async () => {
    await client.close();
    await server.close();
  });

  it("has one test row for each of the 45 endpoints in the official list", () => {
    assert.equal(CASES.length, 45);
    assert.equal(new Set(CASES.map((c) => c.method)).size, 45);
  });

  for (const row of CASES) {
    const authText = row.auth === "api" ? "with the raw API key" : "without an Authorization header";
    it(`${row.method} sends ${row.http} ${placeholders(row.path)} ${authText} and maps the result`, async () => {
      server.enqueue(row.reply);
      const result = await row.call(client);
      assert.equal(server.requests.length, 1);
      const req = server.requests[0]!;
      assert.equal(req.method, row.http);
      assert.equal(req.pathname, row.path);
      if (row.auth === "api") assert.equal(req.headers.authorization, API_KEY);
      else assert.equal(req.headers.authorization, undefined);
      assert.equal(req.headers.accept, "application/json");
      if (row.query !== undefined) assert.deepEqual(Object.fromEntries(req.query), row.query);
      else assert.equal(req.query.toString(), "");
      if (row.json === undefined) {
        assert.equal(req.text, "");
        assert.equal(req.headers["content-type"], undefined);
      } else {
        assert.equal(req.headers["content-type"], "application/json");
        assert.deepEqual(req.json(), row.json);
      }
      assert.deepEqual(result, row.result);
    });
  }

  it("encodes every path segment, so ids with slashes or spaces stay one segment", async () => {
    server.enqueue({ body: RECORDING_WIRE }, { status: 200 });
    await client.getRecording("a/b c?d");
    await client.stopForward("room #1", "fw/2");
    assert.equal(server.requests[0]!.url, "/recordings/a%2Fb%20c%3Fd");
    assert.equal(server.requests[1]!.url, "/rooms/room%20%231/forward/fw%2F2");
  });

  it("rejects an empty path argument before sending anything", async () => {
    await assert.rejects(client.getRoom(""), /accessKey must be a non-empty string/);
    await assert.rejects(client.getRecording(""), /recordingId must be a non-empty string/);
    assert.equal(server.requests.length, 0);
  });

  it("keeps response fields the types do not know, camelCased, and leaves hyphenated keys alone", async () => {
    server.enqueue({ body: { ...USER_WIRE, new_field: { nested_key: [{ deep_key: 1 }] }, "z-index": 1 } });
    const user = await client.getRoomUser(AK, "janedoe");
    assert.deepEqual(user, { ...USER, newField: { nestedKey: [{ deepKey: 1 }] }, "z-index": 1 });
  });

  it("sends an omitted message type as chat, which the API requires", async () => {
    server.enqueue(NO_BODY);
    await client.sendMessage(AK, { content: "hi" });
    assert.deepEqual(server.requests[0]!.json(), { type: "chat", content: "hi" });
  });

  it("leaves out optional fields the caller did not set", async () => {
    server.enqueue(NO_BODY, NO_BODY);
    await client.addLayer(AK, { url: "https://example.com/fg.png" });
    await client.startRoom({ user: { name: "Solo" } }).catch(() => undefined);
    assert.deepEqual(server.requests[0]!.json(), { url: "https://example.com/fg.png" });
    assert.deepEqual(server.requests[1]!.json(), { user: { name: "Solo" } });
  });

  it("uploads a layer file as multipart with file, z-index and id fields", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    server.enqueue(NO_BODY);
    await client.addLayer(AK, { file: { data: png }, zIndex: -1, id: "overlay" });
    const req = server.requests[0]!;
    assert.equal(req.headers.authorization, undefined);
    const contentType = String(req.headers["content-type"]);
    assert.match(contentType, /^multipart\/form-data; boundary=/);
    const form = await new Response(req.body, { headers: { "content-type": contentType } }).formData();
    assert.equal(form.get("z-index"), "-1");
    assert.equal(form.get("id"), "overlay");
    const file = form.get("file") as File;
    assert.equal(file.name, "layer.png");
    assert.equal(file.type, "image/png");
    assert.deepEqual(Buffer.from(await file.arrayBuffer()), png);
  });

  it("uses the caller's filename and content type for a layer file", async () => {
    server.enqueue(NO_BODY);
    await client.addLayer(AK, {
      file: { data: Buffer.from("<svg/>"), filename: "logo.svg", contentType: "image/svg+xml" },
    });
    const req = server.requests[0]!;
    const form = await new Response(req.body, {
      headers: { "content-type": String(req.headers["content-type"]) },
    }).formData();
    const file = form.get("file") as File;
    assert.equal(file.name, "logo.svg");
    assert.equal(file.type, "image/svg+xml");
    assert.equal(form.get("z-index"), null);
  });

  it("refuses a layer with both or neither of url and file", async () => {
    await assert.rejects(client.addLayer(AK, {}), /exactly one of url and file/);
    await assert.rejects(
      client.addLayer(AK, { url: "https://x/y.png", file: { data: new Uint8Array([1]) } }),
      /exactly one of url and file/,
    );
    assert.equal(server.requests.length, 0);
  });

  it("accepts any 2xx status, with or without a body, as success", async () => {
    for (const status of [200, 201, 202, 204]) {
      server.enqueue({ status, body: status === 204 ? undefined : "" });
      await client.lockRoom(AK);
    }
    assert.equal(server.requests.length, 4);
  });

  it("ignores a body on calls that return nothing", async () => {
    server.enqueue({ status: 201, body: { some: "thing" } }, { status: 200, body: "not json" });
    assert.equal(await client.startRecording(AK), undefined);
    assert.equal(await client.stopRecording(AK), undefined);
  });

  it("fails clearly when a call that returns an object gets an empty or non-JSON body", async () => {
    server.enqueue({ status: 200 }, { status: 200, body: "<html>" }, { status: 200, body: [] });
    await assert.rejects(
      client.getRoom(AK),
      /GET \/rooms\/\*\*\* failed \(200\): the response was not a JSON object/,
    );
    await assert.rejects(client.getRecording("r1"), /the response was not JSON/);
    await assert.rejects(client.getRecording("r1"), /not a JSON object/);
  });

  it("treats an empty body on a list call as an empty list", async () => {
    server.enqueue({ status: 200 });
    assert.deepEqual(await client.listRooms(), []);
  });

  describe("deletes", () => {
    const DELETES: ReadonlyArray<{
      name: string;
      call: (c: EyesonClient, o: { missingOk?: boolean }) => Promise<boolean>;
      accessKeyPath: boolean;
    }> = [
      { name: "endRoom", call: (c, o) => c.endRoom(AK, o), accessKeyPath: true },
      { name: "shutdownRoom", call: (c, o) => c.shutdownRoom("r", o), accessKeyPath: false },
      { name: "kickRoomUser", call: (c, o) => c.kickRoomUser(AK, "u", o), accessKeyPath: true },
      { name: "deletePermalink", call: (c, o) => c.deletePermalink("p", o), accessKeyPath: false },
      {
        name: "removePermalinkHost",
        call: (c, o) => c.removePermalinkHost("p", USER_TOKEN, o),
        accessKeyPath: false,
      },
      { name: "removeLayer", call: (c, o) => c.removeLayer(AK, 1, o), accessKeyPath: true },
      { name: "stopPlayback", call: (c, o) => c.stopPlayback(AK, "p", o), accessKeyPath: true },
      { name: "stopBroadcast", call: (c, o) => c.stopBroadcast(AK, o), accessKeyPath: true },
      { name: "deleteRecording", call: (c, o) => c.deleteRecording("r", o), accessKeyPath: false },
      { name: "deleteSnapshot", call: (c, o) => c.deleteSnapshot("s", o), accessKeyPath: false },
      { name: "stopForward", call: (c, o) => c.stopForward("r", "f", o), accessKeyPath: false },
      { name: "deleteWebhook", call: (c, o) => c.deleteWebhook("w", o), accessKeyPath: false },
    ];

    for (const row of DELETES) {
      it(`${row.name} resolves false on 404 with missingOk and throws without it`, async () => {
        server.enqueue(
          { status: 404, body: { error: "not found" } },
          { status: 404, body: { error: "not found" } },
        );
        assert.equal(await row.call(client, { missingOk: true }), false);
        await assert.rejects(row.call(client, {}), (err: Error) => err.name === "EyesonNotFoundError");
      });

      if (row.accessKeyPath) {
        it(`${row.name} resolves false on 410 with missingOk, since the meeting is over`, async () => {
          server.enqueue({ status: 410, body: { error: "Access key expired" } });
          assert.equal(await row.call(client, { missingOk: true }), false);
        });
      } else {
        it(`${row.name} still throws on 410 with missingOk, since the path has no access key`, async () => {
          server.enqueue({ status: 410, body: { error: "gone" } });
          await assert.rejects(
            row.call(client, { missingOk: true }),
            (err: Error) => err.name === "EyesonGoneError",
          );
        });
      }
    }

    it("a delete with missingOk still throws on other errors", async () => {
      server.enqueue({ status: 403, body: { error: "forbidden" } });
      await assert.rejects(client.kickRoomUser(AK, "u", { missingOk: true }), /failed \(403\): forbidden/);
    });
  });

  describe("getWebhook", () => {
    const NONE: ReadonlyArray<[string, ScriptedResponse]> = [
      ["a 404", { status: 404, body: { error: "not found" } }],
      ["an empty body", { status: 200 }],
      ["an empty 204", { status: 204 }],
      ["JSON null", { status: 200, body: "null", headers: { "content-type": "application/json" } }],
      ["an object without an id", { status: 200, body: {} }],
    ];
    for (const [what, reply] of NONE) {
      it(`resolves null when the API answers ${what} (no webhook registered)`, async () => {
        server.enqueue(reply);
        assert.equal(await client.getWebhook(), null);
      });
    }

    it("still fails on an auth error instead of reporting no webhook", async () => {
      server.enqueue({ status: 403, body: { error: "invalid api key" } });
      await assert.rejects(client.getWebhook(), /check eyeson:apiKey/);
    });
  });

  describe("pagination", () => {
    const permalinkPage = (page: number, count: number, total: number, limit = 2) => ({
      body: {
        page,
        limit,
        total,
        items: Array.from({ length: count }, (_, i) => ({
          ...PERMALINK_WIRE,
          permalink: { ...PERMALINK_WIRE.permalink, id: `p${page}-${i}` },
        })),
      },
    });

    it("listPermalinks with all walks page by page until the total is reached", async () => {
      server.enqueue(permalinkPage(1, 2, 5), permalinkPage(2, 2, 5), permalinkPage(3, 1, 5));
      const result = await client.listPermalinks({ all: true, limit: 2 });
      assert.deepEqual(
        server.requests.map((r) => r.url),
        ["/permalink?page=1&limit=2", "/permalink?page=2&limit=2", "/permalink?page=3&limit=2"],
      );
      assert.equal(result.items.length, 5);
      assert.equal(result.total, 5);
      assert.deepEqual(
        result.items.map((p) => p.permalink.id),
        ["p1-0", "p1-1", "p2-0", "p2-1", "p3-0"],
      );
    });

    it("listPermalinks with all stops at an empty page even if total says more", async () => {
      server.enqueue(permalinkPage(1, 2, 9), permalinkPage(2, 0, 9));
      const result = await client.listPermalinks({ all: true, limit: 2, expired: true });
      assert.equal(server.requests.length, 2);
      assert.equal(server.requests[0]!.query.get("expired"), "true");
      assert.equal(result.items.length, 2);
    });

    it("listPermalinks with all stops after a short page when the server caps the limit", async () => {
      server.enqueue(permalinkPage(1, 2, 100, 2), permalinkPage(2, 1, 100, 2));
      const result = await client.listPermalinks({ all: true, limit: 500 });
      assert.equal(server.requests.length, 2);
      assert.equal(result.items.length, 3);
      assert.equal(result.limit, 2);
    });

    it("listPermalinks without all sends no paging parameters the caller did not set", async () => {
      server.enqueue(permalinkPage(1, 1, 1, 25));
      await client.listPermalinks();
      assert.equal(server.requests[0]!.url, "/permalink");
    });

    const many = (n: number, wire: object) => Array.from({ length: n }, (_, i) => ({ ...wire, id: `d${i}` }));
    const LISTS = [
      { name: "listRoomRecordings", wire: RECORDING_WIRE, path: "recordings" },
      { name: "listRoomSnapshots", wire: SNAPSHOT_WIRE, path: "snapshots" },
    ] as const;
    for (const list of LISTS) {
      it(`${list.name} with all walks pages of 25 until a page has fewer`, async () => {
        server.enqueue(
          { body: many(25, list.wire) },
          { body: many(25, list.wire) },
          { body: many(3, list.wire) },
        );
        const items = await client[list.name]("standup", { all: true, since: "2025-01-01T00:00:00Z" });
        assert.equal(items.length, 53);
        assert.deepEqual(
          server.requests.map((r) => r.url),
          [1, 2, 3].map((p) => `/rooms/standup/${list.path}?page=${p}&since=2025-01-01T00%3A00%3A00Z`),
        );
      });

      it(`${list.name} without all fetches one page`, async () => {
        server.enqueue({ body: many(25, list.wire) });
        const items = await client[list.name]("standup", { page: 3 });
        assert.equal(items.length, 25);
        assert.equal(server.requests.length, 1);
        assert.equal(server.requests[0]!.url, `/rooms/standup/${list.path}?page=3`);
      });
    }
  });
});
