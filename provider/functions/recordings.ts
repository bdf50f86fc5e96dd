/**
 * Recording functions: start, stop, read, delete and list a meeting's recordings (`docs/api-notes.md`,
 * "Response objects" and "Lists and pages").
 */
import * as pulumi from "@pulumi/pulumi";
import type * as api from "../types";
import type * as req from "../requests";
import { isEyesonNotFound } from "../errors";
import { startOrConfirm } from "./converge";
import { checkRoomDocumentQuery } from "../validate";
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
  /** The recording id. */
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
export interface ListRoomRecordingsArgs extends req.ListRoomDocumentsQuery {
  /** The room id. */
  readonly roomId: string;
}
/** `listRoomRecordings` arguments as `pulumi.Input`s. */
export type ListRoomRecordingsOutputArgs = InputArgs<ListRoomRecordingsArgs>;
/** The room's recordings. */
export interface ListRoomRecordingsResult {
  /** The room's recordings. */
  readonly recordings: readonly Known<api.Recording>[];
}

const startRecordingFn = defineFunction<StartRecordingArgs, StartRecordingResult>({
  name: "startRecording",
  sideEffect: true,
  converges: true,
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

/**
 * Starts recording the meeting (side effect, convergent). Preview: rejects, use `startRecordingOutput`. Second run: while one runs, succeeds with `alreadyRunning: true`.
 *
 * @param args - The arguments ({@link StartRecordingArgs}): `accessKey`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.startRecording({ accessKey });
 * ```
 */
export function startRecording(
  args: StartRecordingArgs,
  opts?: EyesonInvokeOptions,
): Promise<StartRecordingResult> {
  return startRecordingFn.invoke(args, opts);
}

/**
 * Starts recording the meeting (side effect, convergent). Preview: unknown, no request. Second run: while one runs, succeeds with `alreadyRunning: true`.
 *
 * @param args - The arguments as Pulumi inputs (`StartRecordingOutputArgs`, see {@link StartRecordingArgs}):
 *   `accessKey`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.startRecordingOutput({ accessKey: meeting.accessKey });
 * ```
 */
export function startRecordingOutput(
  args: StartRecordingOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<StartRecordingResult> {
  return startRecordingFn.output(args, opts);
}

const stopRecordingFn = defineFunction<StopRecordingArgs, StopRecordingResult>({
  name: "stopRecording",
  sideEffect: true,
  converges: "withMissingOk",
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.boolean("missingOk", args.missingOk);
  },
  run: async (client, args) => {
    try {
      await client.stopRecording(args.accessKey);
    } catch (err) {
      if (args.missingOk && isEyesonNotFound(err)) return { stopped: false };
      throw err;
    }
    return { stopped: true };
  },
});

/**
 * Stops the running recording (side effect; convergent with `missingOk`). Preview: rejects, use `stopRecordingOutput`. Second run: EyesonNotFoundError (no recording runs), or `stopped: false` with `missingOk`.
 *
 * @param args - The arguments ({@link StopRecordingArgs}): `accessKey`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.stopRecording({ accessKey });
 * ```
 */
export function stopRecording(
  args: StopRecordingArgs,
  opts?: EyesonInvokeOptions,
): Promise<StopRecordingResult> {
  return stopRecordingFn.invoke(args, opts);
}

/**
 * Stops the running recording (side effect; convergent with `missingOk`). Preview: unknown, no request. Second run: EyesonNotFoundError (no recording runs), or `stopped: false` with `missingOk`.
 *
 * @param args - The arguments as Pulumi inputs (`StopRecordingOutputArgs`, see {@link StopRecordingArgs}):
 *   `accessKey`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.stopRecordingOutput({ accessKey: meeting.accessKey });
 * ```
 */
export function stopRecordingOutput(
  args: StopRecordingOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<StopRecordingResult> {
  return stopRecordingFn.output(args, opts);
}

const getRecordingFn = defineFunction<GetRecordingArgs, GetRecordingResult>({
  name: "getRecording",
  sideEffect: false,
  converges: true,
  validate: (args, check) => check.string("recordingId", args.recordingId),
  run: (client, args) => client.getRecording(args.recordingId),
});

/**
 * Reads a recording and a fresh download link. Runs in preview. Read-only: a second run reads again; EyesonNotFoundError once deleted.
 *
 * @param args - The arguments ({@link GetRecordingArgs}): `recordingId`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.getRecording({ recordingId });
 * ```
 */
export function getRecording(
  args: GetRecordingArgs,
  opts?: EyesonInvokeOptions,
): Promise<GetRecordingResult> {
  return getRecordingFn.invoke(args, opts);
}

/**
 * Reads a recording and a fresh download link. Runs in preview. Read-only: a second run reads again; EyesonNotFoundError once deleted.
 *
 * @param args - The arguments as Pulumi inputs (`GetRecordingOutputArgs`, see {@link GetRecordingArgs}):
 *   `recordingId`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = eyeson.getRecordingOutput({ recordingId });
 * ```
 */
export function getRecordingOutput(
  args: GetRecordingOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<GetRecordingResult> {
  return getRecordingFn.output(args, opts);
}

const deleteRecordingFn = defineFunction<DeleteRecordingArgs, DeleteRecordingResult>({
  name: "deleteRecording",
  sideEffect: true,
  converges: "withMissingOk",
  validate: (args, check) => {
    check.string("recordingId", args.recordingId);
    check.boolean("missingOk", args.missingOk);
  },
  run: async (client, args) => ({
    recordingId: args.recordingId,
    deleted: await client.deleteRecording(args.recordingId, { missingOk: args.missingOk }),
  }),
});

/**
 * Deletes a recording (side effect; convergent with `missingOk`). Preview: rejects, use `deleteRecordingOutput`. Second run: EyesonNotFoundError, or `deleted: false` with `missingOk`.
 *
 * @param args - The arguments ({@link DeleteRecordingArgs}): `recordingId`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.deleteRecording({ recordingId });
 * ```
 */
export function deleteRecording(
  args: DeleteRecordingArgs,
  opts?: EyesonInvokeOptions,
): Promise<DeleteRecordingResult> {
  return deleteRecordingFn.invoke(args, opts);
}

/**
 * Deletes a recording (side effect; convergent with `missingOk`). Preview: unknown, no request. Second run: EyesonNotFoundError, or `deleted: false` with `missingOk`.
 *
 * @param args - The arguments as Pulumi inputs (`DeleteRecordingOutputArgs`, see {@link DeleteRecordingArgs}):
 *   `recordingId`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = eyeson.deleteRecordingOutput({ recordingId });
 * ```
 */
export function deleteRecordingOutput(
  args: DeleteRecordingOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<DeleteRecordingResult> {
  return deleteRecordingFn.output(args, opts);
}

const listRoomRecordingsFn = defineFunction<ListRoomRecordingsArgs, ListRoomRecordingsResult>({
  name: "listRoomRecordings",
  sideEffect: false,
  converges: true,
  validate: checkRoomDocumentQuery,
  run: async (client, { roomId, ...query }) => ({
    recordings: await client.listRoomRecordings(roomId, query),
  }),
});

/**
 * Lists a room's recordings. Runs in preview. Read-only: a second run lists the recordings then.
 *
 * @param args - The arguments ({@link ListRoomRecordingsArgs}): `roomId`, `page?`, `startedAt?`, `since?`,
 *   `until?`, `all?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.listRoomRecordings({ roomId });
 * ```
 */
export function listRoomRecordings(
  args: ListRoomRecordingsArgs,
  opts?: EyesonInvokeOptions,
): Promise<ListRoomRecordingsResult> {
  return listRoomRecordingsFn.invoke(args, opts);
}

/**
 * Lists a room's recordings. Runs in preview. Read-only: a second run lists the recordings then.
 *
 * @param args - The arguments as Pulumi inputs (`ListRoomRecordingsOutputArgs`, see {@link
 *   ListRoomRecordingsArgs}): `roomId`, `page?`, `startedAt?`, `since?`, `until?`, `all?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.listRoomRecordingsOutput({ roomId: meeting.room.id });
 * ```
 */
export function listRoomRecordingsOutput(
  args: ListRoomRecordingsOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<ListRoomRecordingsResult> {
  return listRoomRecordingsFn.output(args, opts);
}
