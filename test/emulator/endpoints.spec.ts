/**
 * Every endpoint over real HTTP: success status and body shape, auth failures (no key, wrong key, dead or
 * unknown access key/token), and one bad input each with its documented status.
 */
import assert from "node:assert/strict";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { ROUTES } from "../../emulator/server";
import {
  assertKeys,
  call,
  expectStatus,
  PERMALINK_KEYS,
  ROOM_KEYS,
  startRoom,
  type Body,
  type CallOptions,
} from "./helpers";

/** Ids, keys and tokens of a small world built before each test. */
interface World {
  ak: string;
  roomId: string;
  guestToken: string;
  guestId: string;
  plainAk: string;
  deadAk: string;
  deadGuestToken: string;
  permalinkId: string;
  userToken: string;
  hostToken: string;
  revokedToken: string;
  expiredToken: string;
  recordingId: string;
  snapshotId: string;
}

type Auth = "api_key" | "access_key" | "token";

interface Request extends CallOptions {
  path: string;
}

interface Case {
  route: string;
  auth: Auth;
  /** Status on a missing or wrong API key (`docs/api-notes.md`, "Errors and statuses"). */
  keyFailure?: 401 | 403;
  setup?: (w: World) => Promise<void>;
  request: (w: World) => Request;
  status: number;
  check?: (body: Body, w: World) => void;
  bad: { setup?: (w: World) => Promise<void>; request: (w: World) => Request; status: number; error: RegExp };
}

let emulator: EmulatorHandle;
const api = (method: string, r: Request) =>
  call(emulator.url, method, r.path, { ...r, key: r.key === undefined ? emulator.apiKey : r.key });
const open = (method: string, r: Request) => call(emulator.url, method, r.path, { ...r, key: null });

async function buildWorld(): Promise<World> {
  const room = await startRoom(emulator, {
    id: "table-room",
    user: { id: "alice", name: "Alice" },
    options: { lock_available: true, sfu_mode: "disabled" },
  });
  const ak: string = room.access_key;
  expectStatus(await open("GET", { path: `/rooms/${ak}` }), 200);
  const guest = expectStatus(
    await open("POST", { path: `/guests/${room.room.guest_token}`, json: { name: "Bob", id: "bob" } }),
    201,
  );
  expectStatus(
    await open("POST", {
      path: `/rooms/${ak}/playbacks`,
      json: { url: "https://example.com/clip.webm", play_id: "clip" },
    }),
    201,
  );
  expectStatus(
    await open("POST", { path: `/rooms/${ak}/layers`, json: { url: "https://example.com/overlay.png" } }),
    201,
  );
  expectStatus(await open("POST", { path: `/rooms/${ak}/recording` }), 201);
  expectStatus(await open("DELETE", { path: `/rooms/${ak}/recording` }), 200);
  expectStatus(await open("POST", { path: `/rooms/${ak}/snapshot` }), 201);
  const recordings = expectStatus(await api("GET", { path: "/rooms/table-room/recordings" }), 200);
  const snapshots = expectStatus(await api("GET", { path: "/rooms/table-room/snapshots" }), 200);

  const plain = await startRoom(emulator, { id: "plain-room" });
  const dead = await startRoom(emulator, { id: "dead-room" });
  expectStatus(await open("DELETE", { path: `/rooms/${dead.access_key}` }), 204);

  const permalink = expectStatus(
    await api("POST", { path: "/permalink", json: { name: "Standing", user: { name: "Host" } } }),
    201,
  );
  const permalinkId: string = permalink.permalink.id;
  const host = expectStatus(
    await api("POST", { path: `/permalink/${permalinkId}/users`, json: { user: { name: "Second" } } }),
    201,
  );
  const revoked = expectStatus(
    await api("POST", { path: `/permalink/${permalinkId}/users`, json: { user: { name: "Gone" } } }),
    201,
  );
  expectStatus(
    await api("DELETE", { path: `/permalink/${permalinkId}/users/${revoked.permalink.user_token}` }),
    200,
  );
  const expired = expectStatus(
    await api("POST", {
      path: "/permalink",
      json: { user: { name: "Late" }, expires_at: "2000-01-01T00:00:00.000Z" },
    }),
    201,
  );
  return {
    ak,
    roomId: "table-room",
    guestToken: room.room.guest_token,
    guestId: guest.user.id,
    plainAk: plain.access_key,
    deadAk: dead.access_key,
    deadGuestToken: dead.room.guest_token,
    permalinkId,
    userToken: permalink.permalink.user_token,
    hostToken: host.permalink.user_token,
    revokedToken: revoked.permalink.user_token,
    expiredToken: expired.permalink.user_token,
    recordingId: recordings[0].id,
    snapshotId: snapshots[0].id,
  };
}

const hook = "http://127.0.0.1:9/hook";
const registerWebhook = async (): Promise<void> => {
  expectStatus(await api("POST", { path: "/webhooks", form: { url: hook, types: "room_update" } }), 201);
};
const startBroadcast = async (w: World): Promise<void> => {
  expectStatus(
    await open("POST", {
      path: `/rooms/${w.ak}/broadcasts`,
      json: { stream_url: "rtmp://live.example.com/app/key" },
    }),
    201,
  );
};

const CASES: Case[] = [
  // ------------------------------------------------------------ meeting settings
  {
    route: "POST /rooms",
    auth: "api_key",
    keyFailure: 403,
    request: () => ({ path: "/rooms", json: { user: { name: "Carol" }, options: { sfu_mode: "disabled" } } }),
    status: 201,
    check: (b) => {
      assertKeys(b, ROOM_KEYS);
      assert.match(b.access_key, /^[A-Za-z0-9]{24}$/);
      assert.match(b.room.id, /^[0-9a-f]{24}$/);
      assert.equal(b.options.sfu_mode, "disabled");
    },
    bad: {
      request: () => ({ path: "/rooms", json: { name: "no user" } }),
      status: 400,
      error: /user\[name\]/,
    },
  },
  {
    route: "GET /rooms/:accessKey",
    auth: "access_key",
    request: (w) => ({ path: `/rooms/${w.ak}` }),
    status: 200,
    check: (b, w) => {
      assertKeys(b, ROOM_KEYS);
      assert.equal(b.access_key, w.ak);
      assert.equal(b.ready, true);
      assert.equal(b.playbacks[0].play_id, "clip");
    },
    bad: { request: () => ({ path: "/rooms/AAAAAAAAAAAAAAAAAAAAAAAA" }), status: 404, error: /access key/i },
  },
  {
    route: "DELETE /rooms/:accessKey",
    auth: "access_key",
    request: (w) => ({ path: `/rooms/${w.ak}` }),
    status: 204,
    bad: { request: () => ({ path: "/rooms/AAAAAAAAAAAAAAAAAAAAAAAA" }), status: 404, error: /access key/i },
  },
  {
    route: "GET /rooms",
    auth: "api_key",
    keyFailure: 403,
    request: () => ({ path: "/rooms" }),
    status: 200,
    check: (b) => {
      assert.ok(Array.isArray(b));
      assert.deepEqual(b.map((r: Body) => r.id).sort(), ["plain-room", "table-room"]);
      assertKeys(b[0], ["id", "name", "ready", "started_at", "shutdown", "guest_token"]);
    },
    bad: { request: () => ({ path: "/rooms", query: { page: "2" } }), status: 400, error: /page/ },
  },
  {
    route: "DELETE /rooms/:roomId",
    auth: "api_key",
    keyFailure: 403,
    request: (w) => ({ path: `/rooms/${w.roomId}` }),
    status: 204,
    bad: { request: () => ({ path: "/rooms/no-such-room" }), status: 404, error: /not found/ },
  },
  {
    route: "POST /rooms/:accessKey/lock",
    auth: "access_key",
    request: (w) => ({ path: `/rooms/${w.ak}/lock` }),
    status: 201,
    bad: { request: (w) => ({ path: `/rooms/${w.plainAk}/lock` }), status: 403, error: /lock/i },
  },
  // ------------------------------------------------------------ users
  {
    route: "GET /rooms/:accessKey/users",
    auth: "access_key",
    request: (w) => ({ path: `/rooms/${w.ak}/users` }),
    status: 200,
    check: (b) => {
      assert.deepEqual(
        b.map((p: Body) => p.id),
        ["alice", "bob"],
      );
      assertKeys(b[0], ["id", "room_id", "name", "avatar", "guest", "online"]);
    },
    bad: {
      request: (w) => ({ path: `/rooms/${w.ak}/users`, query: { online: "maybe" } }),
      status: 400,
      error: /online/,
    },
  },
  {
    route: "GET /rooms/:roomId/users",
    auth: "api_key",
    keyFailure: 403,
    request: (w) => ({ path: `/rooms/${w.roomId}/users`, query: { online: "true" } }),
    status: 200,
    check: (b) =>
      assert.deepEqual(
        b.map((p: Body) => p.online),
        [true, true],
      ),
    bad: {
      request: (w) => ({ path: `/rooms/${w.roomId}/users`, query: { online: "maybe" } }),
      status: 400,
      error: /online/,
    },
  },
  {
    route: "GET /rooms/:accessKey/users/:userId",
    auth: "access_key",
    request: (w) => ({ path: `/rooms/${w.ak}/users/bob` }),
    status: 200,
    check: (b) => {
      assertKeys(b, ["id", "name", "avatar", "guest", "joined_at"]);
      assert.equal(b.guest, true);
    },
    bad: { request: (w) => ({ path: `/rooms/${w.ak}/users/nobody` }), status: 404, error: /User/ },
  },
  {
    route: "DELETE /rooms/:accessKey/users/:userId",
    auth: "access_key",
    request: (w) => ({ path: `/rooms/${w.ak}/users/${w.guestId}` }),
    status: 200,
    bad: { request: (w) => ({ path: `/rooms/${w.ak}/users/nobody` }), status: 404, error: /User/ },
  },
  {
    route: "POST /guests/:guestToken",
    auth: "token",
    request: (w) => ({
      path: `/guests/${w.guestToken}`,
      form: { name: "Dora", "custom_fields[locale]": "de" },
    }),
    status: 201,
    check: (b) => {
      assertKeys(b, ROOM_KEYS);
      assert.equal(b.user.guest, true);
      assert.equal(b.room.id, "table-room");
    },
    bad: { request: (w) => ({ path: `/guests/${w.guestToken}`, json: {} }), status: 400, error: /name/ },
  },
  // ------------------------------------------------------------ permalinks
  {
    route: "POST /permalink",
    auth: "api_key",
    keyFailure: 401,
    request: () => ({ path: "/permalink", json: { "user[name]": "John Doe", "options[widescreen]": true } }),
    status: 201,
    check: (b) => {
      assertKeys(b, PERMALINK_KEYS);
      assert.match(b.permalink.user_token, /^[A-Za-z0-9]{24}$/);
      assert.equal(b.room.id, b.permalink.id);
      assert.equal(b.room.started_at, null);
    },
    bad: { request: () => ({ path: "/permalink", json: { user: {} } }), status: 400, error: /user\[name\]/ },
  },
  {
    route: "GET /permalink",
    auth: "api_key",
    keyFailure: 401,
    request: () => ({ path: "/permalink", query: { expired: "false" } }),
    status: 200,
    check: (b) => {
      assertKeys(b, ["page", "limit", "total", "items"]);
      assert.equal(b.total, 1);
      assertKeys(b.items[0], PERMALINK_KEYS);
    },
    bad: { request: () => ({ path: "/permalink", query: { limit: "0" } }), status: 400, error: /limit/ },
  },
  {
    route: "GET /permalink/:permalinkId",
    auth: "api_key",
    keyFailure: 401,
    request: (w) => ({ path: `/permalink/${w.permalinkId}` }),
    status: 200,
    check: (b, w) => {
      assertKeys(b, PERMALINK_KEYS);
      assert.equal(b.permalink.user_token, w.userToken);
    },
    bad: {
      request: () => ({ path: "/permalink/0123456789abcdef01234567" }),
      status: 404,
      error: /Permalink/,
    },
  },
  {
    route: "PUT /permalink/:permalinkId",
    auth: "api_key",
    keyFailure: 401,
    request: (w) => ({
      path: `/permalink/${w.permalinkId}`,
      form: { name: "Renamed", "options[recording_available]": "false" },
    }),
    status: 200,
    check: (b) => {
      assert.equal(b.room.name, "Renamed");
      assert.equal(b.options.recording_available, false);
    },
    bad: {
      request: (w) => ({ path: `/permalink/${w.permalinkId}`, json: { options: { sfu_mode: "mesh" } } }),
      status: 400,
      error: /options\[sfu_mode\]/,
    },
  },
  {
    route: "DELETE /permalink/:permalinkId",
    auth: "api_key",
    keyFailure: 401,
    request: (w) => ({ path: `/permalink/${w.permalinkId}` }),
    status: 200,
    bad: {
      request: () => ({ path: "/permalink/0123456789abcdef01234567" }),
      status: 404,
      error: /Permalink/,
    },
  },
  {
    route: "POST /permalink/:permalinkId/users",
    auth: "api_key",
    keyFailure: 401,
    request: (w) => ({
      path: `/permalink/${w.permalinkId}/users`,
      json: { user: { name: "Third", id: "third" } },
    }),
    status: 201,
    check: (b, w) => {
      assertKeys(b, PERMALINK_KEYS);
      assert.equal(b.user.id, "third");
      assert.notEqual(b.permalink.user_token, w.userToken);
    },
    bad: {
      request: (w) => ({ path: `/permalink/${w.permalinkId}/users`, json: {} }),
      status: 400,
      error: /user\[name\]/,
    },
  },
  {
    route: "DELETE /permalink/:permalinkId/users/:userToken",
    auth: "api_key",
    keyFailure: 401,
    request: (w) => ({ path: `/permalink/${w.permalinkId}/users/${w.hostToken}` }),
    status: 200,
    bad: {
      request: (w) => ({ path: `/permalink/${w.permalinkId}/users/${w.revokedToken}` }),
      status: 404,
      error: /Host/,
    },
  },
  {
    route: "GET /permalink/:userToken",
    auth: "token",
    request: (w) => ({ path: `/permalink/${w.hostToken}` }),
    status: 200,
    check: (b, w) => {
      assertKeys(b, PERMALINK_KEYS);
      assert.equal(b.permalink.user_token, w.hostToken);
      assert.equal(b.user.name, "Second");
    },
    bad: { request: () => ({ path: "/permalink/AAAAAAAAAAAAAAAAAAAAAAAA" }), status: 404, error: /token/ },
  },
  {
    route: "POST /permalink/:userToken",
    auth: "token",
    request: (w) => ({ path: `/permalink/${w.userToken}` }),
    status: 201,
    check: (b, w) => {
      assertKeys(b, ROOM_KEYS);
      assert.equal(b.room.id, w.permalinkId);
    },
    bad: { request: (w) => ({ path: `/permalink/${w.expiredToken}` }), status: 410, error: /expired/ },
  },
  // ------------------------------------------------------------ activities
  {
    route: "POST /rooms/:accessKey/messages",
    auth: "access_key",
    request: (w) => ({ path: `/rooms/${w.ak}/messages`, json: { type: "chat", content: "hello" } }),
    status: 201,
    bad: {
      request: (w) => ({ path: `/rooms/${w.ak}/messages`, json: { type: "loud", content: "x" } }),
      status: 400,
      error: /type/,
    },
  },
  {
    route: "POST /rooms/:accessKey/layers",
    auth: "access_key",
    request: (w) => ({
      path: `/rooms/${w.ak}/layers`,
      form: { url: "https://example.com/bg.png", "z-index": "-1" },
    }),
    status: 201,
    bad: {
      request: (w) => ({ path: `/rooms/${w.ak}/layers`, json: { "z-index": 1 } }),
      status: 400,
      error: /url or file/,
    },
  },
  {
    route: "DELETE /rooms/:accessKey/layers/:index",
    auth: "access_key",
    request: (w) => ({ path: `/rooms/${w.ak}/layers/1` }),
    status: 200,
    bad: { request: (w) => ({ path: `/rooms/${w.ak}/layers/-1` }), status: 404, error: /Layer/ },
  },
  {
    route: "POST /rooms/:accessKey/layout",
    auth: "access_key",
    request: (w) => ({
      path: `/rooms/${w.ak}/layout`,
      form: { layout: "custom", name: "two", "users[]": ["alice", ""] },
    }),
    status: 200,
    bad: {
      request: (w) => ({ path: `/rooms/${w.ak}/layout`, json: { layout: "grid" } }),
      status: 400,
      error: /layout/,
    },
  },
  {
    route: "POST /rooms/:accessKey/playbacks",
    auth: "access_key",
    request: (w) => ({
      path: `/rooms/${w.ak}/playbacks`,
      form: { "playback[url]": "https://example.com/v.mp4", "playback[audio]": "1" },
    }),
    status: 201,
    bad: {
      request: (w) => ({ path: `/rooms/${w.ak}/playbacks`, json: { play_id: "x" } }),
      status: 400,
      error: /url/,
    },
  },
  {
    route: "DELETE /rooms/:accessKey/playbacks/:playId",
    auth: "access_key",
    request: (w) => ({ path: `/rooms/${w.ak}/playbacks/clip` }),
    status: 200,
    bad: { request: (w) => ({ path: `/rooms/${w.ak}/playbacks/none` }), status: 404, error: /Playback/ },
  },
  {
    route: "POST /rooms/:accessKey/broadcasts",
    auth: "access_key",
    request: (w) => ({
      path: `/rooms/${w.ak}/broadcasts`,
      json: { stream_url: "rtmp://live.example.com/app/key", player_url: "https://example.com/watch" },
    }),
    status: 201,
    bad: {
      request: (w) => ({ path: `/rooms/${w.ak}/broadcasts`, json: { stream_url: "ftp://x" } }),
      status: 400,
      error: /stream_url/,
    },
  },
  {
    route: "PUT /rooms/:accessKey/broadcasts",
    auth: "access_key",
    setup: startBroadcast,
    request: (w) => ({ path: `/rooms/${w.ak}/broadcasts`, json: { player_url: "https://example.com/new" } }),
    status: 200,
    bad: {
      setup: startBroadcast,
      request: (w) => ({ path: `/rooms/${w.ak}/broadcasts`, json: {} }),
      status: 400,
      error: /player_url/,
    },
  },
  {
    route: "DELETE /rooms/:accessKey/broadcasts",
    auth: "access_key",
    setup: startBroadcast,
    request: (w) => ({ path: `/rooms/${w.ak}/broadcasts` }),
    status: 200,
    bad: { request: (w) => ({ path: `/rooms/${w.ak}/broadcasts` }), status: 404, error: /Broadcast/ },
  },
  // ------------------------------------------------------------ recordings
  {
    route: "POST /rooms/:accessKey/recording",
    auth: "access_key",
    request: (w) => ({ path: `/rooms/${w.ak}/recording` }),
    status: 201,
    bad: {
      setup: async (w) => void expectStatus(await open("POST", { path: `/rooms/${w.ak}/recording` }), 201),
      request: (w) => ({ path: `/rooms/${w.ak}/recording` }),
      status: 406,
      error: /already/,
    },
  },
  {
    route: "DELETE /rooms/:accessKey/recording",
    auth: "access_key",
    setup: async (w) => void expectStatus(await open("POST", { path: `/rooms/${w.ak}/recording` }), 201),
    request: (w) => ({ path: `/rooms/${w.ak}/recording` }),
    status: 200,
    bad: { request: (w) => ({ path: `/rooms/${w.ak}/recording` }), status: 404, error: /Recording/ },
  },
  {
    route: "GET /recordings/:recordingId",
    auth: "api_key",
    keyFailure: 403,
    request: (w) => ({ path: `/recordings/${w.recordingId}` }),
    status: 200,
    check: (b) => {
      assertKeys(b, ["id", "created_at", "duration", "links", "user", "room"]);
      assert.equal(typeof b.created_at, "number");
      assert.match(b.links.download, /^http:\/\/127\.0\.0\.1:\d+\//);
    },
    bad: {
      request: () => ({ path: "/recordings/0123456789abcdef01234567" }),
      status: 404,
      error: /Recording/,
    },
  },
  {
    route: "DELETE /recordings/:recordingId",
    auth: "api_key",
    keyFailure: 403,
    request: (w) => ({ path: `/recordings/${w.recordingId}` }),
    status: 200,
    bad: {
      request: () => ({ path: "/recordings/0123456789abcdef01234567" }),
      status: 404,
      error: /Recording/,
    },
  },
  {
    route: "GET /rooms/:roomId/recordings",
    auth: "api_key",
    keyFailure: 403,
    request: (w) => ({ path: `/rooms/${w.roomId}/recordings`, query: { page: "1" } }),
    status: 200,
    check: (b, w) =>
      assert.deepEqual(
        b.map((r: Body) => r.id),
        [w.recordingId],
      ),
    bad: {
      request: (w) => ({ path: `/rooms/${w.roomId}/recordings`, query: { since: "yesterday" } }),
      status: 400,
      error: /since/,
    },
  },
  // ------------------------------------------------------------ snapshots
  {
    route: "POST /rooms/:accessKey/snapshot",
    auth: "access_key",
    request: (w) => ({ path: `/rooms/${w.ak}/snapshot` }),
    status: 201,
    bad: {
      request: (w) => ({ path: `/rooms/${w.ak}/snapshot`, json: { format: "png" } }),
      status: 400,
      error: /format/,
    },
  },
  {
    route: "GET /snapshots/:snapshotId",
    auth: "api_key",
    keyFailure: 403,
    request: (w) => ({ path: `/snapshots/${w.snapshotId}` }),
    status: 200,
    check: (b) => {
      assertKeys(b, ["id", "name", "links", "creator", "created_at", "room"]);
      assert.match(b.name, /^\d+$/);
    },
    bad: { request: () => ({ path: "/snapshots/0123456789abcdef01234567" }), status: 404, error: /Snapshot/ },
  },
  {
    route: "GET /rooms/:accessKey/snapshots/:snapshotId",
    auth: "access_key",
    request: (w) => ({ path: `/rooms/${w.ak}/snapshots/${w.snapshotId}` }),
    status: 200,
    check: (b, w) => assert.equal(b.id, w.snapshotId),
    bad: {
      request: (w) => ({ path: `/rooms/${w.ak}/snapshots/0123456789abcdef01234567` }),
      status: 404,
      error: /Snapshot/,
    },
  },
  {
    route: "DELETE /snapshots/:snapshotId",
    auth: "api_key",
    keyFailure: 403,
    request: (w) => ({ path: `/snapshots/${w.snapshotId}` }),
    status: 200,
    bad: { request: () => ({ path: "/snapshots/0123456789abcdef01234567" }), status: 404, error: /Snapshot/ },
  },
  {
    route: "GET /rooms/:roomId/snapshots",
    auth: "api_key",
    keyFailure: 403,
    request: (w) => ({ path: `/rooms/${w.roomId}/snapshots` }),
    status: 200,
    check: (b, w) =>
      assert.deepEqual(
        b.map((s: Body) => s.id),
        [w.snapshotId],
      ),
    bad: {
      request: (w) => ({ path: `/rooms/${w.roomId}/snapshots`, query: { page: "0" } }),
      status: 400,
      error: /page/,
    },
  },
  // ------------------------------------------------------------ forwards
  {
    route: "POST /rooms/:roomId/forward/source",
    auth: "api_key",
    keyFailure: 401,
    request: (w) => ({
      path: `/rooms/${w.roomId}/forward/source`,
      form: {
        forward_id: "f1",
        user_id: "alice",
        type: "audio,video",
        url: "https://whip.example.com/ingest",
      },
    }),
    status: 201,
    bad: {
      request: (w) => ({
        path: `/rooms/${w.roomId}/forward/source`,
        json: { forward_id: "f1", type: "video", url: "https://whip.example.com" },
      }),
      status: 400,
      error: /user_id/,
    },
  },
  {
    route: "POST /rooms/:roomId/forward/mcu",
    auth: "api_key",
    keyFailure: 401,
    request: (w) => ({
      path: `/rooms/${w.roomId}/forward/mcu`,
      json: { forward_id: "m1", type: ["audio", "video"], url: "https://whip.example.com" },
    }),
    status: 201,
    bad: {
      request: (w) => ({
        path: `/rooms/${w.roomId}/forward/mcu`,
        json: { forward_id: "m1", type: "smell", url: "https://whip.example.com" },
      }),
      status: 400,
      error: /type/,
    },
  },
  {
    route: "POST /rooms/:roomId/forward/playback",
    auth: "api_key",
    keyFailure: 401,
    request: (w) => ({
      path: `/rooms/${w.roomId}/forward/playback`,
      json: { forward_id: "p1", play_id: "clip", type: "video", url: "https://whip.example.com" },
    }),
    status: 201,
    bad: {
      request: (w) => ({
        path: `/rooms/${w.roomId}/forward/playback`,
        json: { forward_id: "p1", play_id: "none", type: "video", url: "https://whip.example.com" },
      }),
      status: 400,
      error: /play_id/,
    },
  },
  {
    route: "DELETE /rooms/:roomId/forward/:forwardId",
    auth: "api_key",
    keyFailure: 401,
    setup: async (w) =>
      void expectStatus(
        await api("POST", {
          path: `/rooms/${w.roomId}/forward/mcu`,
          json: { forward_id: "m1", type: "video", url: "https://whip.example.com" },
        }),
        201,
      ),
    request: (w) => ({ path: `/rooms/${w.roomId}/forward/m1` }),
    status: 200,
    bad: { request: (w) => ({ path: `/rooms/${w.roomId}/forward/none` }), status: 404, error: /Forward/ },
  },
  // ------------------------------------------------------------ webhooks
  {
    route: "POST /webhooks",
    auth: "api_key",
    keyFailure: 403,
    request: () => ({ path: "/webhooks", form: { url: hook, types: "room_update,recording_update" } }),
    status: 201,
    bad: {
      request: () => ({ path: "/webhooks", form: { url: hook, types: "room_update,meeting_update" } }),
      status: 400,
      error: /types/,
    },
  },
  {
    route: "GET /webhooks",
    auth: "api_key",
    keyFailure: 403,
    setup: registerWebhook,
    request: () => ({ path: "/webhooks" }),
    status: 200,
    check: (b) => {
      assertKeys(b, ["id", "types", "url", "last_request_sent_at", "last_response_code"]);
      assert.deepEqual(b.types, ["room_update"]);
    },
    bad: { request: () => ({ path: "/webhooks", query: { all: "true" } }), status: 400, error: /all/ },
  },
  {
    route: "DELETE /webhooks/:webhookId",
    auth: "api_key",
    keyFailure: 403,
    setup: registerWebhook,
    request: () => ({ path: `/webhooks/${emulator.store.webhooks.get(emulator.apiKey)?.id ?? "none"}` }),
    status: 204,
    bad: { request: () => ({ path: "/webhooks/0123456789abcdef01234567" }), status: 404, error: /Webhook/ },
  },
];

function methodOf(route: string): string {
  return route.split(" ")[0];
}

/** The same request with its access key or token swapped for another one. */
function swapCredential(c: Case, w: World, replacement: string): Request {
  const request = c.request(w);
  const secrets = [w.ak, w.guestToken, w.userToken, w.hostToken];
  const found = secrets.find((s) => request.path.includes(s));
  assert.ok(found, `no credential in ${c.route}`);
  return { ...request, path: request.path.replace(found, replacement) };
}

describe("emulator endpoints", () => {
  let w: World;

  before(async () => {
    emulator = await startEmulator({ strict: true, seed: 7 });
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(async () => {
    emulator.reset();
    w = await buildWorld();
  });

  it("serves the 45 listed endpoints plus the API-key participant list, each covered below", () => {
    const served = ROUTES.map((r) => `${r.method} ${r.pattern}`);
    assert.equal(served.length, 46);
    assert.deepEqual([...served].sort(), CASES.map((c) => c.route).sort());
  });

  for (const c of CASES) {
    describe(c.route, () => {
      it(`answers ${c.status} with the documented body`, async () => {
        await c.setup?.(w);
        const request = c.request(w);
        const result =
          c.auth === "api_key"
            ? await api(methodOf(c.route), request)
            : await open(methodOf(c.route), request);
        const body = expectStatus(result, c.status);
        if (c.status === 204 || c.check === undefined)
          assert.equal(result.text, "", "an action endpoint answers with no body");
        c.check?.(body, w);
        const logged = emulator.requests.list().at(-1);
        assert.equal(logged?.route, c.route);
        assert.equal(logged?.auth, c.auth);
        assert.ok(
          !logged?.path.includes(w.ak) && !logged?.path.includes(w.userToken),
          "the log never shows secrets",
        );
      });

      it(`answers ${c.bad.status} to bad input`, async () => {
        await c.bad.setup?.(w);
        const request = c.bad.request(w);
        const result =
          c.auth === "api_key"
            ? await api(methodOf(c.route), request)
            : await open(methodOf(c.route), request);
        const body = expectStatus(result, c.bad.status);
        assert.deepEqual(Object.keys(body), ["error"]);
        assert.match(body.error, c.bad.error);
      });

      if (c.auth === "api_key") {
        it(`answers ${c.keyFailure} without an API key and with a wrong one`, async () => {
          for (const key of [null, "wrong-key", `Bearer ${emulator.apiKey}`]) {
            const result = await call(emulator.url, methodOf(c.route), c.request(w).path, {
              ...c.request(w),
              key,
            });
            const body = expectStatus(result, c.keyFailure ?? 0);
            assert.match(body.error, /API key/);
            assert.ok(!result.text.includes(emulator.apiKey));
          }
        });
      } else if (c.auth === "access_key") {
        it("answers 410 with an access key of an ended meeting", async () => {
          const body = expectStatus(await open(methodOf(c.route), swapCredential(c, w, w.deadAk)), 410);
          assert.equal(body.error, "Access key expired");
        });
      } else {
        it("answers 404 or 410 with a dead token", async () => {
          const request = c.request(w);
          const dead = request.path.startsWith("/guests/") ? w.deadGuestToken : w.revokedToken;
          const result = await open(methodOf(c.route), swapCredential(c, w, dead));
          expectStatus(result, request.path.startsWith("/guests/") ? 410 : 404);
        });
      }
    });
  }
});
