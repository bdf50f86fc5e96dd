import assert from "node:assert/strict";
import {
  deleteRecording,
  deleteRecordingOutput,
  deleteSnapshot,
  deleteSnapshotOutput,
  getRecording,
  getRecordingOutput,
  getRoomSnapshot,
  getRoomSnapshotOutput,
  getSnapshot,
  getSnapshotOutput,
  listRoomRecordings,
  listRoomRecordingsOutput,
  listRoomSnapshots,
  listRoomSnapshotsOutput,
  startRecording,
  startRecordingOutput,
  stopRecording,
  stopRecordingOutput,
  takeSnapshot,
  takeSnapshotOutput,
} from "../../provider/functions";
import { describeCases, functionCase, type CaseContext } from "./support";

/** Records a short meeting and returns the recording's id. */
async function recorded(ctx: CaseContext): Promise<string> {
  const { accessKey, roomId } = await ctx.meeting();
  await ctx.client.startRecording(accessKey);
  await ctx.client.stopRecording(accessKey);
  const [recording] = await ctx.client.listRoomRecordings(roomId);
  return recording?.id ?? assert.fail("the meeting has a recording");
}

/** Takes a snapshot and returns its id. */
async function snapped(ctx: CaseContext): Promise<string> {
  const { accessKey, roomId } = await ctx.meeting();
  await ctx.client.takeSnapshot(accessKey);
  const [snapshot] = await ctx.client.listRoomSnapshots(roomId);
  return snapshot?.id ?? assert.fail("the meeting has a snapshot");
}

describeCases("documentation", [
  functionCase({
    name: "startRecording",
    does: "starts recording the meeting",
    prepare: async (ctx) => ({ accessKey: (await ctx.meeting()).accessKey }),
    promise: startRecording,
    output: startRecordingOutput,
    request: "POST /rooms/:accessKey/recording",
    auth: "access_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { started: true, alreadyRunning: false });
      assert.ok(ctx.meetingRecord().recordingId);
    },
  }),
  functionCase({
    name: "stopRecording",
    does: "stops the running recording",
    prepare: async (ctx) => {
      const { accessKey } = await ctx.meeting();
      await ctx.client.startRecording(accessKey);
      return { accessKey };
    },
    promise: stopRecording,
    output: stopRecordingOutput,
    request: "DELETE /rooms/:accessKey/recording",
    auth: "access_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { stopped: true });
      assert.equal(ctx.meetingRecord().recordingId, null);
      assert.equal(ctx.emulator.store.recordings.size, 1);
    },
  }),
  functionCase({
    name: "getRecording",
    does: "reads a recording with its download link",
    prepare: async (ctx) => ({ recordingId: await recorded(ctx) }),
    promise: getRecording,
    output: getRecordingOutput,
    request: "GET /recordings/:recordingId",
    auth: "api_key",
    // The embedded room carries its guest token while the meeting runs.
    secret: true,
    verify: (recording, _ctx, args) => {
      assert.equal(recording.id, args.recordingId);
      assert.equal(typeof recording.links.download, "string");
      assert.equal(recording.room?.id, "situation");
    },
  }),
  functionCase({
    name: "deleteRecording",
    does: "deletes a recording",
    prepare: async (ctx) => ({ recordingId: await recorded(ctx) }),
    promise: deleteRecording,
    output: deleteRecordingOutput,
    request: "DELETE /recordings/:recordingId",
    auth: "api_key",
    secret: false,
    verify: (result, ctx, args) => {
      assert.deepEqual(result, { recordingId: args.recordingId, deleted: true });
      assert.equal(ctx.emulator.store.recordings.has(args.recordingId), false);
    },
  }),
  functionCase({
    name: "listRoomRecordings",
    does: "lists a room's recordings",
    prepare: async (ctx) => {
      await recorded(ctx);
      return { roomId: "situation", page: 1 };
    },
    promise: listRoomRecordings,
    output: listRoomRecordingsOutput,
    request: "GET /rooms/:roomId/recordings",
    auth: "api_key",
    secret: true,
    verify: (result) => {
      assert.equal(result.recordings.length, 1);
      assert.equal(result.recordings[0]?.user?.id, "ada");
    },
  }),
  functionCase({
    name: "takeSnapshot",
    does: "takes a snapshot of the meeting",
    prepare: async (ctx) => ({ accessKey: (await ctx.meeting()).accessKey }),
    promise: takeSnapshot,
    output: takeSnapshotOutput,
    request: "POST /rooms/:accessKey/snapshot",
    auth: "access_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { taken: true });
      assert.equal(ctx.meetingRecord().snapshotIds.length, 1);
    },
  }),
  functionCase({
    name: "getSnapshot",
    does: "reads a snapshot with its download link by API key",
    prepare: async (ctx) => ({ snapshotId: await snapped(ctx) }),
    promise: getSnapshot,
    output: getSnapshotOutput,
    request: "GET /snapshots/:snapshotId",
    auth: "api_key",
    secret: true,
    verify: (snapshot, _ctx, args) => {
      assert.equal(snapshot.id, args.snapshotId);
      assert.equal(typeof snapshot.links.download, "string");
      assert.equal(snapshot.creator?.id, "ada");
    },
  }),
  functionCase({
    name: "getRoomSnapshot",
    does: "reads a snapshot of the meeting by access key",
    prepare: async (ctx) => ({ accessKey: (await ctx.meeting()).accessKey, snapshotId: await snapped(ctx) }),
    promise: getRoomSnapshot,
    output: getRoomSnapshotOutput,
    request: "GET /rooms/:accessKey/snapshots/:snapshotId",
    auth: "access_key",
    secret: true,
    verify: (snapshot, _ctx, args) => assert.equal(snapshot.id, args.snapshotId),
  }),
  functionCase({
    name: "deleteSnapshot",
    does: "deletes a snapshot",
    prepare: async (ctx) => ({ snapshotId: await snapped(ctx) }),
    promise: deleteSnapshot,
    output: deleteSnapshotOutput,
    request: "DELETE /snapshots/:snapshotId",
    auth: "api_key",
    secret: false,
    verify: (result, ctx, args) => {
      assert.deepEqual(result, { snapshotId: args.snapshotId, deleted: true });
      assert.equal(ctx.emulator.store.snapshots.has(args.snapshotId), false);
    },
  }),
  functionCase({
    name: "listRoomSnapshots",
    does: "lists a room's snapshots",
    prepare: async (ctx) => {
      await snapped(ctx);
      return { roomId: "situation", all: true };
    },
    promise: listRoomSnapshots,
    output: listRoomSnapshotsOutput,
    request: "GET /rooms/:roomId/snapshots",
    auth: "api_key",
    secret: true,
    verify: (result) => assert.equal(result.snapshots.length, 1),
  }),
]);
