/**
 * One valid request for every route of the emulator, in a world where each can succeed: the table
 * test/emulator/parameters.spec.ts sends to every endpoint with an extra parameter.
 */
import type { EmulatorHandle } from "../../emulator";
import { client, expectStatus, startRoom } from "./helpers";

/** What one probe request needs: ids and tokens of a meeting with everything in it. */
export interface World {
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
export async function world(emulator: EmulatorHandle): Promise<World> {
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
export interface Probe {
  readonly method: string;
  readonly path: string;
  readonly key: boolean;
  readonly json?: unknown;
  /** Requests that must come first (a running broadcast or recording to stop). */
  readonly prepare?: ReadonlyArray<readonly [method: string, path: string, json?: unknown]>;
}

/** One valid request for every route of the emulator, by route name. */
export const PROBES: Readonly<Record<string, (w: World) => Probe>> = {
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
