/**
 * Meeting documentation functions: recordings and snapshots of a meeting (`docs/api-notes.md`, "Response
 * objects" and "Lists and pages").
 */
import * as pulumi from "@pulumi/pulumi";
import type * as api from "../types";
import { EyesonNotFoundError } from "../errors";
import { startOrConfirm } from "./converge";
import type { ArgCheck } from "../validate";
import { defineFunction, EyesonInvokeOptions, InputArgs, Known } from "./invoke";

/** Arguments of `startRecording`. */
export interface StartRecordingArgs {
  /** Secret: the access key of a user in the meeting; the recording is attributed to that user. */
  readonly accessKey: string;
}
/** `startRecording` arguments as `pulumi.Input`s. */
export type StartRecordingOutputArgs = InputArgs<StartRecordingArgs>;
/** Result of `startRecording`; the API returns no recording id (find it with `listRoomRecordings`). */
export interface StartRecordingResult {
  /** A recording runs now. */
  readonly started: true;
  /** True when one was already running, so this call started nothing (a second `up`). */
  readonly alreadyRunning: boolean;
}

/** Arguments of `stopRecording`. */
export interface StopRecordingArgs {
  /** Secret: the access key of a user in the meeting. */
  readonly accessKey: string;
  /** Resolve with `stopped: false` instead of failing when no recording runs (404), so a re-run converges. */
  readonly missingOk?: boolean;
}
/** `stopRecording` arguments as `pulumi.Input`s. */
export type StopRecordingOutputArgs = InputArgs<StopRecordingArgs>;
/** Result of `stopRecording`. */
export interface StopRecordingResult {
  /** False when `missingOk` found no recording running. */
  readonly stopped: boolean;
}

/** Arguments of `getRecording`. */
export interface GetRecordingArgs {
  readonly recordingId: string;
}
/** `getRecording` arguments as `pulumi.Input`s. */
export type GetRecordingOutputArgs = InputArgs<GetRecordingArgs>;
/** A recording with a fresh download link (null until processed). */
export type GetRecordingResult = Known<api.Recording>;

/** Arguments of `deleteRecording`. */
export interface DeleteRecordingArgs {
  readonly recordingId: string;
  /** Resolve with `deleted: false` instead of failing when it is already gone (404). */
  readonly missingOk?: boolean;
}
/** `deleteRecording` arguments as `pulumi.Input`s. */
export type DeleteRecordingOutputArgs = InputArgs<DeleteRecordingArgs>;
/** Result of `deleteRecording`. */
export interface DeleteRecordingResult {
  readonly recordingId: string;
  /** False when `missingOk` found it already gone. */
  readonly deleted: boolean;
}

/** Arguments of `listRoomRecordings`: a room id, and a page (25 each) or `all: true`. */
export interface ListRoomRecordingsArgs extends api.ListRoomDocumentsQuery {
  readonly roomId: string;
}
/** `listRoomRecordings` arguments as `pulumi.Input`s. */
export type ListRoomRecordingsOutputArgs = InputArgs<ListRoomRecordingsArgs>;
/** The room's recordings. */
export interface ListRoomRecordingsResult {
  readonly recordings: readonly Known<api.Recording>[];
}

/** Arguments of `takeSnapshot`. */
export interface TakeSnapshotArgs {
  /** Secret: the access key of a user in the meeting. */
  readonly accessKey: string;
}
/** `takeSnapshot` arguments as `pulumi.Input`s. */
export type TakeSnapshotOutputArgs = InputArgs<TakeSnapshotArgs>;
/** Result of `takeSnapshot`; the API returns no snapshot id (find it with `listRoomSnapshots`). */
export interface TakeSnapshotResult {
  readonly taken: true;
}

/** Arguments of `getSnapshot` (API key). */
export interface GetSnapshotArgs {
  readonly snapshotId: string;
}
/** `getSnapshot` arguments as `pulumi.Input`s. */
export type GetSnapshotOutputArgs = InputArgs<GetSnapshotArgs>;
/** A snapshot with a fresh download link. */
export type GetSnapshotResult = Known<api.Snapshot>;

/** Arguments of `getRoomSnapshot` (access key, no API key needed). */
export interface GetRoomSnapshotArgs {
  /** Secret: the access key of a user in the meeting. */
  readonly accessKey: string;
  readonly snapshotId: string;
}
/** `getRoomSnapshot` arguments as `pulumi.Input`s. */
export type GetRoomSnapshotOutputArgs = InputArgs<GetRoomSnapshotArgs>;
/** A snapshot with a fresh download link. */
export type GetRoomSnapshotResult = Known<api.Snapshot>;

/** Arguments of `deleteSnapshot`. */
export interface DeleteSnapshotArgs {
  readonly snapshotId: string;
  /** Resolve with `deleted: false` instead of failing when it is already gone (404). */
  readonly missingOk?: boolean;
}
/** `deleteSnapshot` arguments as `pulumi.Input`s. */
export type DeleteSnapshotOutputArgs = InputArgs<DeleteSnapshotArgs>;
/** Result of `deleteSnapshot`. */
export interface DeleteSnapshotResult {
  readonly snapshotId: string;
  /** False when `missingOk` found it already gone. */
  readonly deleted: boolean;
}

/** Arguments of `listRoomSnapshots`: a room id, and a page (25 each) or `all: true`. */
export interface ListRoomSnapshotsArgs extends api.ListRoomDocumentsQuery {
  readonly roomId: string;
}
/** `listRoomSnapshots` arguments as `pulumi.Input`s. */
export type ListRoomSnapshotsOutputArgs = InputArgs<ListRoomSnapshotsArgs>;
/** The room's snapshots. */
export interface ListRoomSnapshotsResult {
  readonly snapshots: readonly Known<api.Snapshot>[];
}

function checkDocumentQuery(args: ListRoomRecordingsArgs | ListRoomSnapshotsArgs, check: ArgCheck): void {
  check.string("roomId", args.roomId);
  check.integer("page", args.page, 1);
  check.isoDate("startedAt", args.startedAt);
  check.isoDate("since", args.since);
  check.isoDate("until", args.until);
  check.boolean("all", args.all);
}

const startRecordingFn = defineFunction<StartRecordingArgs, StartRecordingResult>({
  name: "startRecording",
  usesApiKey: false,
  sideEffect: true,
  validate: (args, check) => check.string("accessKey", args.accessKey),
  run: async (client, args) => {
    // The API answers 406 while a recording runs; the room says whether that is the reason.
    const alreadyRunning = await startOrConfirm(
      () => client.startRecording(args.accessKey),
      [406],
      async () => (await client.getRoom(args.accessKey)).recording != null,
    );
    return { started: true, alreadyRunning };
  },
});

/** Starts recording the meeting (side effect, convergent). Preview: rejects, use `startRecordingOutput`. Second run: while one runs, succeeds with `alreadyRunning: true`. */
export function startRecording(
  args: StartRecordingArgs,
  opts?: EyesonInvokeOptions,
): Promise<StartRecordingResult> {
  return startRecordingFn.invoke(args, opts);
}

/** Starts recording the meeting (side effect, convergent). Preview: unknown, no request. Second run: while one runs, succeeds with `alreadyRunning: true`. */
export function startRecordingOutput(
  args: StartRecordingOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<StartRecordingResult> {
  return startRecordingFn.output(args, opts);
}

const stopRecordingFn = defineFunction<StopRecordingArgs, StopRecordingResult>({
  name: "stopRecording",
  usesApiKey: false,
  sideEffect: true,
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.boolean("missingOk", args.missingOk);
  },
  run: async (client, args) => {
    try {
      await client.stopRecording(args.accessKey);
    } catch (err) {
      if (args.missingOk && EyesonNotFoundError.isInstance(err)) return { stopped: false };
      throw err;
    }
    return { stopped: true };
  },
});

/** Stops the running recording (side effect; convergent with `missingOk`). Preview: rejects, use `stopRecordingOutput`. Second run: EyesonNotFoundError (no recording runs), or `stopped: false` with `missingOk`. */
export function stopRecording(
  args: StopRecordingArgs,
  opts?: EyesonInvokeOptions,
): Promise<StopRecordingResult> {
  return stopRecordingFn.invoke(args, opts);
}

/** Stops the running recording (side effect; convergent with `missingOk`). Preview: unknown, no request. Second run: EyesonNotFoundError (no recording runs), or `stopped: false` with `missingOk`. */
export function stopRecordingOutput(
  args: StopRecordingOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<StopRecordingResult> {
  return stopRecordingFn.output(args, opts);
}

const getRecordingFn = defineFunction<GetRecordingArgs, GetRecordingResult>({
  name: "getRecording",
  usesApiKey: true,
  sideEffect: false,
  validate: (args, check) => check.string("recordingId", args.recordingId),
  run: (client, args) => client.getRecording(args.recordingId),
});

/** Reads a recording and a fresh download link. Runs in preview. Read-only: a second run reads again; EyesonNotFoundError once deleted. */
export function getRecording(
  args: GetRecordingArgs,
  opts?: EyesonInvokeOptions,
): Promise<GetRecordingResult> {
  return getRecordingFn.invoke(args, opts);
}

/** Reads a recording and a fresh download link. Runs in preview. Read-only: a second run reads again; EyesonNotFoundError once deleted. */
export function getRecordingOutput(
  args: GetRecordingOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<GetRecordingResult> {
  return getRecordingFn.output(args, opts);
}

const deleteRecordingFn = defineFunction<DeleteRecordingArgs, DeleteRecordingResult>({
  name: "deleteRecording",
  usesApiKey: true,
  sideEffect: true,
  validate: (args, check) => {
    check.string("recordingId", args.recordingId);
    check.boolean("missingOk", args.missingOk);
  },
  run: async (client, args) => ({
    recordingId: args.recordingId,
    deleted: await client.deleteRecording(args.recordingId, { missingOk: args.missingOk }),
  }),
});

/** Deletes a recording (side effect; convergent with `missingOk`). Preview: rejects, use `deleteRecordingOutput`. Second run: EyesonNotFoundError, or `deleted: false` with `missingOk`. */
export function deleteRecording(
  args: DeleteRecordingArgs,
  opts?: EyesonInvokeOptions,
): Promise<DeleteRecordingResult> {
  return deleteRecordingFn.invoke(args, opts);
}

/** Deletes a recording (side effect; convergent with `missingOk`). Preview: unknown, no request. Second run: EyesonNotFoundError, or `deleted: false` with `missingOk`. */
export function deleteRecordingOutput(
  args: DeleteRecordingOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<DeleteRecordingResult> {
  return deleteRecordingFn.output(args, opts);
}

const listRoomRecordingsFn = defineFunction<ListRoomRecordingsArgs, ListRoomRecordingsResult>({
  name: "listRoomRecordings",
  usesApiKey: true,
  sideEffect: false,
  validate: checkDocumentQuery,
  run: async (client, { roomId, ...query }) => ({
    recordings: await client.listRoomRecordings(roomId, query),
  }),
});

/** Lists a room's recordings. Runs in preview. Read-only: a second run lists the recordings then. */
export function listRoomRecordings(
  args: ListRoomRecordingsArgs,
  opts?: EyesonInvokeOptions,
): Promise<ListRoomRecordingsResult> {
  return listRoomRecordingsFn.invoke(args, opts);
}

/** Lists a room's recordings. Runs in preview. Read-only: a second run lists the recordings then. */
export function listRoomRecordingsOutput(
  args: ListRoomRecordingsOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<ListRoomRecordingsResult> {
  return listRoomRecordingsFn.output(args, opts);
}

const takeSnapshotFn = defineFunction<TakeSnapshotArgs, TakeSnapshotResult>({
  name: "takeSnapshot",
  usesApiKey: false,
  sideEffect: true,
  validate: (args, check) => check.string("accessKey", args.accessKey),
  run: async (client, args) => {
    await client.takeSnapshot(args.accessKey);
    return { taken: true };
  },
});

/** Takes a snapshot of the composed stream (side effect, not convergent: each run takes another). Preview: rejects, use `takeSnapshotOutput`. Second run: takes another snapshot. */
export function takeSnapshot(
  args: TakeSnapshotArgs,
  opts?: EyesonInvokeOptions,
): Promise<TakeSnapshotResult> {
  return takeSnapshotFn.invoke(args, opts);
}

/** Takes a snapshot of the composed stream (side effect, not convergent: each run takes another). Preview: unknown, no request. Second run: takes another snapshot. */
export function takeSnapshotOutput(
  args: TakeSnapshotOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<TakeSnapshotResult> {
  return takeSnapshotFn.output(args, opts);
}

const getSnapshotFn = defineFunction<GetSnapshotArgs, GetSnapshotResult>({
  name: "getSnapshot",
  usesApiKey: true,
  sideEffect: false,
  validate: (args, check) => check.string("snapshotId", args.snapshotId),
  run: (client, args) => client.getSnapshot(args.snapshotId),
});

/** Reads a snapshot and a fresh download link (API key). Runs in preview. Read-only: a second run reads again; EyesonNotFoundError once deleted. */
export function getSnapshot(args: GetSnapshotArgs, opts?: EyesonInvokeOptions): Promise<GetSnapshotResult> {
  return getSnapshotFn.invoke(args, opts);
}

/** Reads a snapshot and a fresh download link (API key). Runs in preview. Read-only: a second run reads again; EyesonNotFoundError once deleted. */
export function getSnapshotOutput(
  args: GetSnapshotOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<GetSnapshotResult> {
  return getSnapshotFn.output(args, opts);
}

const getRoomSnapshotFn = defineFunction<GetRoomSnapshotArgs, GetRoomSnapshotResult>({
  name: "getRoomSnapshot",
  usesApiKey: false,
  sideEffect: false,
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.string("snapshotId", args.snapshotId);
  },
  run: (client, args) => client.getRoomSnapshot(args.accessKey, args.snapshotId),
});

/** Reads a snapshot of the meeting by access key. Runs in preview. Read-only: a second run reads again; EyesonNotFoundError once deleted. */
export function getRoomSnapshot(
  args: GetRoomSnapshotArgs,
  opts?: EyesonInvokeOptions,
): Promise<GetRoomSnapshotResult> {
  return getRoomSnapshotFn.invoke(args, opts);
}

/** Reads a snapshot of the meeting by access key. Runs in preview. Read-only: a second run reads again; EyesonNotFoundError once deleted. */
export function getRoomSnapshotOutput(
  args: GetRoomSnapshotOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<GetRoomSnapshotResult> {
  return getRoomSnapshotFn.output(args, opts);
}

const deleteSnapshotFn = defineFunction<DeleteSnapshotArgs, DeleteSnapshotResult>({
  name: "deleteSnapshot",
  usesApiKey: true,
  sideEffect: true,
  validate: (args, check) => {
    check.string("snapshotId", args.snapshotId);
    check.boolean("missingOk", args.missingOk);
  },
  run: async (client, args) => ({
    snapshotId: args.snapshotId,
    deleted: await client.deleteSnapshot(args.snapshotId, { missingOk: args.missingOk }),
  }),
});

/** Deletes a snapshot (side effect; convergent with `missingOk`). Preview: rejects, use `deleteSnapshotOutput`. Second run: EyesonNotFoundError, or `deleted: false` with `missingOk`. */
export function deleteSnapshot(
  args: DeleteSnapshotArgs,
  opts?: EyesonInvokeOptions,
): Promise<DeleteSnapshotResult> {
  return deleteSnapshotFn.invoke(args, opts);
}

/** Deletes a snapshot (side effect; convergent with `missingOk`). Preview: unknown, no request. Second run: EyesonNotFoundError, or `deleted: false` with `missingOk`. */
export function deleteSnapshotOutput(
  args: DeleteSnapshotOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<DeleteSnapshotResult> {
  return deleteSnapshotFn.output(args, opts);
}

const listRoomSnapshotsFn = defineFunction<ListRoomSnapshotsArgs, ListRoomSnapshotsResult>({
  name: "listRoomSnapshots",
  usesApiKey: true,
  sideEffect: false,
  validate: checkDocumentQuery,
  run: async (client, { roomId, ...query }) => ({ snapshots: await client.listRoomSnapshots(roomId, query) }),
});

/** Lists a room's snapshots. Runs in preview. Read-only: a second run lists the snapshots then. */
export function listRoomSnapshots(
  args: ListRoomSnapshotsArgs,
  opts?: EyesonInvokeOptions,
): Promise<ListRoomSnapshotsResult> {
  return listRoomSnapshotsFn.invoke(args, opts);
}

/** Lists a room's snapshots. Runs in preview. Read-only: a second run lists the snapshots then. */
export function listRoomSnapshotsOutput(
  args: ListRoomSnapshotsOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<ListRoomSnapshotsResult> {
  return listRoomSnapshotsFn.output(args, opts);
}
