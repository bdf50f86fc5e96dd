/**
 * Preview safety: `pulumi preview` (and the preview step of `pulumi up`) runs the program; a function with a
 * side effect must not touch a live meeting then, while read-only functions work like data sources.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { EyesonError } from "../../provider/errors";
import * as functions from "../../provider/functions";
import {
  enterProgram,
  openMeeting,
  resolveOutput,
  sideEffectRequests,
  startFunctionsEmulator,
  stopFunctionsEmulator,
  type Emulator,
} from "./support";

const WHIP = "https://analysis.example.com/whip";

/** Ids of the objects the calls below act on, created before the preview starts. */
interface World {
  readonly accessKey: string;
  readonly roomId: string;
  readonly guestToken: string;
  readonly permalinkId: string;
  readonly userToken: string;
  readonly recordingId: string;
  readonly snapshotId: string;
}

/** Every side-effecting function with valid arguments: name -> [Promise form, Output form]. */
function sideEffects(w: World): Record<string, [() => Promise<unknown>, () => pulumi.Output<unknown>]> {
  const room = { id: "other", user: { name: "Lin" } };
  const layout = {
    accessKey: w.accessKey,
    layout: "custom" as const,
    map: [[0, 0, 1280, 720, "cover"] as const],
  };
  const playback = { accessKey: w.accessKey, url: "https://media.example.com/b.webm", playId: "p2" };
  const broadcast = { accessKey: w.accessKey, streamUrl: "rtmp://live.example.com/app/key" };
  const forward = { roomId: w.roomId, forwardId: "f2", type: ["video" as const], url: WHIP };
  const f = functions;
  return {
    startRoom: [() => f.startRoom(room), () => f.startRoomOutput(room)],
    endRoom: [() => f.endRoom({ accessKey: w.accessKey }), () => f.endRoomOutput({ accessKey: w.accessKey })],
    shutdownRoom: [
      () => f.shutdownRoom({ roomId: w.roomId }),
      () => f.shutdownRoomOutput({ roomId: w.roomId }),
    ],
    lockRoom: [
      () => f.lockRoom({ accessKey: w.accessKey }),
      () => f.lockRoomOutput({ accessKey: w.accessKey }),
    ],
    kickRoomUser: [
      () => f.kickRoomUser({ accessKey: w.accessKey, userId: "bob" }),
      () => f.kickRoomUserOutput({ accessKey: w.accessKey, userId: "bob" }),
    ],
    registerGuest: [
      () => f.registerGuest({ guestToken: w.guestToken, name: "Eve" }),
      () => f.registerGuestOutput({ guestToken: w.guestToken, name: "Eve" }),
    ],
    startPermalinkMeeting: [
      () => f.startPermalinkMeeting({ userToken: w.userToken }),
      () => f.startPermalinkMeetingOutput({ userToken: w.userToken }),
    ],
    sendMessage: [
      () => f.sendMessage({ accessKey: w.accessKey, content: "hi" }),
      () => f.sendMessageOutput({ accessKey: w.accessKey, content: "hi" }),
    ],
    addLayer: [
      () => f.addLayer({ accessKey: w.accessKey, url: "https://status.example.com/a.png" }),
      () => f.addLayerOutput({ accessKey: w.accessKey, url: "https://status.example.com/a.png" }),
    ],
    removeLayer: [
      () => f.removeLayer({ accessKey: w.accessKey, zIndex: -1 }),
      () => f.removeLayerOutput({ accessKey: w.accessKey, zIndex: -1 }),
    ],
    setLayout: [() => f.setLayout(layout), () => f.setLayoutOutput(layout)],
    startPlayback: [() => f.startPlayback(playback), () => f.startPlaybackOutput(playback)],
    stopPlayback: [
      () => f.stopPlayback({ accessKey: w.accessKey, playId: "p1" }),
      () => f.stopPlaybackOutput({ accessKey: w.accessKey, playId: "p1" }),
    ],
    startBroadcast: [() => f.startBroadcast(broadcast), () => f.startBroadcastOutput(broadcast)],
    updateBroadcast: [
      () => f.updateBroadcast({ accessKey: w.accessKey, playerUrl: "https://watch.example.com" }),
      () => f.updateBroadcastOutput({ accessKey: w.accessKey, playerUrl: "https://watch.example.com" }),
    ],
    stopBroadcast: [
      () => f.stopBroadcast({ accessKey: w.accessKey }),
      () => f.stopBroadcastOutput({ accessKey: w.accessKey }),
    ],
    startRecording: [
      () => f.startRecording({ accessKey: w.accessKey }),
      () => f.startRecordingOutput({ accessKey: w.accessKey }),
    ],
    stopRecording: [
      () => f.stopRecording({ accessKey: w.accessKey }),
      () => f.stopRecordingOutput({ accessKey: w.accessKey }),
    ],
    deleteRecording: [
      () => f.deleteRecording({ recordingId: w.recordingId }),
      () => f.deleteRecordingOutput({ recordingId: w.recordingId }),
    ],
    takeSnapshot: [
      () => f.takeSnapshot({ accessKey: w.accessKey }),
      () => f.takeSnapshotOutput({ accessKey: w.accessKey }),
    ],
    deleteSnapshot: [
      () => f.deleteSnapshot({ snapshotId: w.snapshotId }),
      () => f.deleteSnapshotOutput({ snapshotId: w.snapshotId }),
    ],
    forwardSource: [
      () => f.forwardSource({ ...forward, userId: "ada" }),
      () => f.forwardSourceOutput({ ...forward, userId: "ada" }),
    ],
    forwardMcu: [() => f.forwardMcu(forward), () => f.forwardMcuOutput(forward)],
    forwardPlayback: [
      () => f.forwardPlayback({ ...forward, playId: "p1" }),
      () => f.forwardPlaybackOutput({ ...forward, playId: "p1" }),
    ],
    stopForward: [
      () => f.stopForward({ roomId: w.roomId, forwardId: "f1" }),
      () => f.stopForwardOutput({ roomId: w.roomId, forwardId: "f1" }),
    ],
  };
}

/** Every read-only Output function with valid arguments, and a check that it returned live data. */
function reads(w: World): Record<string, [() => pulumi.Output<unknown>, (value: unknown) => boolean]> {
  const f = functions;
  const is =
    <T>(check: (v: T) => boolean): ((value: unknown) => boolean) =>
    (v) =>
      check(v as T);
  return {
    getRoom: [
      () => f.getRoomOutput({ accessKey: w.accessKey }),
      is<functions.GetRoomResult>((r) => r.room.id === w.roomId),
    ],
    listRooms: [
      () => f.listRoomsOutput(),
      is<functions.ListRoomsResult>((r) => r.rooms.some((x) => x.id === w.roomId)),
    ],
    listRoomUsers: [
      () => f.listRoomUsersOutput({ accessKey: w.accessKey }),
      is<functions.ListRoomUsersResult>((r) => r.users.some((u) => u.id === "bob")),
    ],
    getRoomUser: [
      () => f.getRoomUserOutput({ accessKey: w.accessKey, userId: "bob" }),
      is<functions.GetRoomUserResult>((r) => r.name === "Bob"),
    ],
    listPermalinks: [
      () => f.listPermalinksOutput({ all: true }),
      is<functions.ListPermalinksResult>((r) => r.total === 1),
    ],
    getPermalink: [
      () => f.getPermalinkOutput({ permalinkId: w.permalinkId }),
      is<functions.GetPermalinkResult>((r) => r.permalink.id === w.permalinkId),
    ],
    getPermalinkRoom: [
      () => f.getPermalinkRoomOutput({ userToken: w.userToken }),
      is<functions.GetPermalinkRoomResult>((r) => r.room.name === "War room"),
    ],
    getRecording: [
      () => f.getRecordingOutput({ recordingId: w.recordingId }),
      is<functions.GetRecordingResult>((r) => r.id === w.recordingId),
    ],
    listRoomRecordings: [
      () => f.listRoomRecordingsOutput({ roomId: w.roomId }),
      is<functions.ListRoomRecordingsResult>((r) => r.recordings.length === 1),
    ],
    getSnapshot: [
      () => f.getSnapshotOutput({ snapshotId: w.snapshotId }),
      is<functions.GetSnapshotResult>((r) => r.id === w.snapshotId),
    ],
    getRoomSnapshot: [
      () => f.getRoomSnapshotOutput({ accessKey: w.accessKey, snapshotId: w.snapshotId }),
      is<functions.GetRoomSnapshotResult>((r) => r.id === w.snapshotId),
    ],
    listRoomSnapshots: [
      () => f.listRoomSnapshotsOutput({ roomId: w.roomId }),
      is<functions.ListRoomSnapshotsResult>((r) => r.snapshots.length === 1),
    ],
    getWebhook: [
      () => f.getWebhookOutput(),
      is<functions.GetWebhookResult>((r) => r.webhook?.url === "https://hooks.example.com/eyeson"),
    ],
  };
}

class Thing extends pulumi.CustomResource {
  constructor(name: string) {
    super("test:index:Thing", name, {});
  }
}

describe("functions in preview", () => {
  let emulator: Emulator | undefined;
  let world: World | undefined;

  const emu = (): Emulator => emulator ?? assert.fail("emulator not started");
  const w = (): World => world ?? assert.fail("world not created");

  before(async () => {
    emulator = await startFunctionsEmulator();
    const client = new EyesonClient({
      apiKey: emulator.apiKey,
      endpoint: emulator.url,
      retry: NO_DELAY_RETRY_POLICY,
    });
    try {
      const meeting = await openMeeting();
      await client.registerGuest(meeting.guestToken, { name: "Bob", id: "bob" });
      await client.startPlayback(meeting.accessKey, {
        url: "https://media.example.com/a.webm",
        playId: "p1",
      });
      await client.forwardMcu(meeting.roomId, { forwardId: "f1", type: ["video"], url: WHIP });
      await client.startRecording(meeting.accessKey);
      await client.stopRecording(meeting.accessKey);
      await client.takeSnapshot(meeting.accessKey);
      await client.registerWebhook({ url: "https://hooks.example.com/eyeson", types: ["room_update"] });
      const permalink = await client.createPermalink({ name: "War room", user: { name: "Grace" } });
      const [recording] = await client.listRoomRecordings(meeting.roomId);
      const [snapshot] = await client.listRoomSnapshots(meeting.roomId);
      world = {
        ...meeting,
        permalinkId: permalink.permalink.id,
        userToken: permalink.permalink.userToken,
        recordingId: recording?.id ?? assert.fail("a recording exists"),
        snapshotId: snapshot?.id ?? assert.fail("a snapshot exists"),
      };
    } finally {
      await client.close();
    }
  });

  after(() => stopFunctionsEmulator(emulator));

  beforeEach(async () => {
    await enterProgram(emu(), true);
    emu().requests.clear();
  });

  it("covers every exported function, as either side-effecting or read-only", () => {
    const outputForms = Object.keys(functions).filter((name) => name.endsWith("Output"));
    const covered = [...Object.keys(sideEffects(w())), ...Object.keys(reads(w()))].map((n) => `${n}Output`);
    assert.deepEqual([...covered].sort(), [...outputForms].sort());
    assert.equal(outputForms.length, 38);
  });

  it("a program calling every side-effecting Output function sends no side-effecting request and gets unknowns", async () => {
    const results = Object.entries(sideEffects(w())).map(([name, [, output]]) => [name, output()] as const);
    for (const [name, output] of results) {
      const resolved = await resolveOutput(output);
      assert.equal(resolved.known, false, `${name}Output is unknown in preview`);
    }
    assert.deepEqual(sideEffectRequests(emu()), []);
    // The functions authorised by the API key prove it once, so a bad key fails the preview.
    assert.deepEqual(
      emu()
        .requests.list()
        .map((r) => r.route),
      ["GET /permalink"],
      "one credential check, nothing else",
    );
  });

  it("read-only Output functions still return live data in preview, with GET requests only", async () => {
    const entries = Object.entries(reads(w()));
    for (const [name, [output, looksRight]] of entries) {
      const resolved = await resolveOutput(output());
      assert.equal(resolved.known, true, `${name}Output is known in preview`);
      assert.ok(looksRight(resolved.value), `${name}Output returned the live object`);
    }
    assert.equal(emu().requests.list().length, entries.length);
    assert.deepEqual(sideEffectRequests(emu()), []);
  });

  it("every side-effecting Promise function rejects in preview, pointing to its Output form, without a request", async () => {
    for (const [name, [promise]] of Object.entries(sideEffects(w()))) {
      await assert.rejects(promise(), (err: unknown) => {
        assert.ok(EyesonError.isInstance(err), `${name} rejects with an EyesonError`);
        assert.match(err.message, new RegExp(`^${name} changes a live meeting.*use ${name}Output\\(`));
        return true;
      });
    }
    assert.deepEqual(emu().requests.list(), []);
  });

  it("checks the arguments of a side-effecting Output function in preview, so preview reports a mistake", async () => {
    const output = functions.sendMessageOutput({ accessKey: w().accessKey, content: "" });
    await assert.rejects(resolveOutput(output), /sendMessage: content must be a non-empty string/);
    assert.deepEqual(emu().requests.list(), []);
  });

  it("a read-only Output function fed by a side-effecting one stays unknown in preview and sends nothing", async () => {
    const meeting = functions.startRoomOutput({ id: "fresh", user: { name: "Kim" } });
    const users = functions.listRoomUsersOutput({ accessKey: meeting.accessKey });
    assert.equal((await resolveOutput(users)).known, false);
    assert.deepEqual(emu().requests.list(), []);
  });

  it("a read-only Output function waiting on a resource that is still to be created stays unknown in preview", async () => {
    const thing = new Thing("pending");
    const room = functions.getRoomOutput({ accessKey: w().accessKey }, { dependsOn: thing });
    assert.equal((await resolveOutput(room)).known, false);
    assert.deepEqual(emu().requests.list(), []);
  });

  it("the Promise form refuses to run before a resource in dependsOn exists", async () => {
    const thing = new Thing("pending-too");
    await assert.rejects(
      functions.getRoom({ accessKey: w().accessKey }, { dependsOn: [thing] }),
      /getRoom depends on a resource or result that is not known yet; use getRoomOutput/,
    );
    assert.deepEqual(emu().requests.list(), []);
  });
});
