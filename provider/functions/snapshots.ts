/**
 * Snapshot functions: take, read, delete and list a meeting's snapshots (`docs/api-notes.md`, "Response
 * objects" and "Lists and pages").
 */
import * as pulumi from "@pulumi/pulumi";
import type * as api from "../types";
import type * as req from "../requests";
import { checkRoomDocumentQuery } from "../validate";
import { defineFunction, EyesonInvokeOptions, InputArgs, Known } from "./invoke";

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
  /** The snapshot id. */
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
  /** The snapshot id. */
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
export interface ListRoomSnapshotsArgs extends req.ListRoomDocumentsQuery {
  /** The room id. */
  readonly roomId: string;
}
/** `listRoomSnapshots` arguments as `pulumi.Input`s. */
export type ListRoomSnapshotsOutputArgs = InputArgs<ListRoomSnapshotsArgs>;
/** The room's snapshots. */
export interface ListRoomSnapshotsResult {
  /** The room's snapshots. */
  readonly snapshots: readonly Known<api.Snapshot>[];
}

const takeSnapshotFn = defineFunction<TakeSnapshotArgs, TakeSnapshotResult>({
  name: "takeSnapshot",
  sideEffect: true,
  converges: false,
  validate: (args, check) => check.string("accessKey", args.accessKey),
  run: async (client, args) => {
    await client.takeSnapshot(args.accessKey);
    return { taken: true };
  },
});

/**
 * Takes a snapshot of the composed stream (side effect, not convergent: each run takes another). Preview: rejects, use `takeSnapshotOutput`. Second run: takes another snapshot.
 *
 * @param args - The arguments ({@link TakeSnapshotArgs}): `accessKey`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.takeSnapshot({ accessKey });
 * ```
 */
export function takeSnapshot(
  args: TakeSnapshotArgs,
  opts?: EyesonInvokeOptions,
): Promise<TakeSnapshotResult> {
  return takeSnapshotFn.invoke(args, opts);
}

/**
 * Takes a snapshot of the composed stream (side effect, not convergent: each run takes another). Preview: unknown, no request. Second run: takes another snapshot.
 *
 * @param args - The arguments as Pulumi inputs (`TakeSnapshotOutputArgs`, see {@link TakeSnapshotArgs}):
 *   `accessKey`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.takeSnapshotOutput({ accessKey: meeting.accessKey });
 * ```
 */
export function takeSnapshotOutput(
  args: TakeSnapshotOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<TakeSnapshotResult> {
  return takeSnapshotFn.output(args, opts);
}

const getSnapshotFn = defineFunction<GetSnapshotArgs, GetSnapshotResult>({
  name: "getSnapshot",
  sideEffect: false,
  converges: true,
  validate: (args, check) => check.string("snapshotId", args.snapshotId),
  run: (client, args) => client.getSnapshot(args.snapshotId),
});

/**
 * Reads a snapshot and a fresh download link (API key). Runs in preview. Read-only: a second run reads again; EyesonNotFoundError once deleted.
 *
 * @param args - The arguments ({@link GetSnapshotArgs}): `snapshotId`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.getSnapshot({ snapshotId });
 * ```
 */
export function getSnapshot(args: GetSnapshotArgs, opts?: EyesonInvokeOptions): Promise<GetSnapshotResult> {
  return getSnapshotFn.invoke(args, opts);
}

/**
 * Reads a snapshot and a fresh download link (API key). Runs in preview. Read-only: a second run reads again; EyesonNotFoundError once deleted.
 *
 * @param args - The arguments as Pulumi inputs (`GetSnapshotOutputArgs`, see {@link GetSnapshotArgs}):
 *   `snapshotId`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = eyeson.getSnapshotOutput({ snapshotId });
 * ```
 */
export function getSnapshotOutput(
  args: GetSnapshotOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<GetSnapshotResult> {
  return getSnapshotFn.output(args, opts);
}

const getRoomSnapshotFn = defineFunction<GetRoomSnapshotArgs, GetRoomSnapshotResult>({
  name: "getRoomSnapshot",
  sideEffect: false,
  converges: true,
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.string("snapshotId", args.snapshotId);
  },
  run: (client, args) => client.getRoomSnapshot(args.accessKey, args.snapshotId),
});

/**
 * Reads a snapshot of the meeting by access key. Runs in preview. Read-only: a second run reads again; EyesonNotFoundError once deleted.
 *
 * @param args - The arguments ({@link GetRoomSnapshotArgs}): `accessKey`, `snapshotId`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.getRoomSnapshot({ accessKey, snapshotId });
 * ```
 */
export function getRoomSnapshot(
  args: GetRoomSnapshotArgs,
  opts?: EyesonInvokeOptions,
): Promise<GetRoomSnapshotResult> {
  return getRoomSnapshotFn.invoke(args, opts);
}

/**
 * Reads a snapshot of the meeting by access key. Runs in preview. Read-only: a second run reads again; EyesonNotFoundError once deleted.
 *
 * @param args - The arguments as Pulumi inputs (`GetRoomSnapshotOutputArgs`, see {@link GetRoomSnapshotArgs}):
 *   `accessKey`, `snapshotId`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.getRoomSnapshotOutput({ accessKey: meeting.accessKey, snapshotId });
 * ```
 */
export function getRoomSnapshotOutput(
  args: GetRoomSnapshotOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<GetRoomSnapshotResult> {
  return getRoomSnapshotFn.output(args, opts);
}

const deleteSnapshotFn = defineFunction<DeleteSnapshotArgs, DeleteSnapshotResult>({
  name: "deleteSnapshot",
  sideEffect: true,
  converges: "withMissingOk",
  validate: (args, check) => {
    check.string("snapshotId", args.snapshotId);
    check.boolean("missingOk", args.missingOk);
  },
  run: async (client, args) => ({
    snapshotId: args.snapshotId,
    deleted: await client.deleteSnapshot(args.snapshotId, { missingOk: args.missingOk }),
  }),
});

/**
 * Deletes a snapshot (side effect; convergent with `missingOk`). Preview: rejects, use `deleteSnapshotOutput`. Second run: EyesonNotFoundError, or `deleted: false` with `missingOk`.
 *
 * @param args - The arguments ({@link DeleteSnapshotArgs}): `snapshotId`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.deleteSnapshot({ snapshotId });
 * ```
 */
export function deleteSnapshot(
  args: DeleteSnapshotArgs,
  opts?: EyesonInvokeOptions,
): Promise<DeleteSnapshotResult> {
  return deleteSnapshotFn.invoke(args, opts);
}

/**
 * Deletes a snapshot (side effect; convergent with `missingOk`). Preview: unknown, no request. Second run: EyesonNotFoundError, or `deleted: false` with `missingOk`.
 *
 * @param args - The arguments as Pulumi inputs (`DeleteSnapshotOutputArgs`, see {@link DeleteSnapshotArgs}):
 *   `snapshotId`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = eyeson.deleteSnapshotOutput({ snapshotId });
 * ```
 */
export function deleteSnapshotOutput(
  args: DeleteSnapshotOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<DeleteSnapshotResult> {
  return deleteSnapshotFn.output(args, opts);
}

const listRoomSnapshotsFn = defineFunction<ListRoomSnapshotsArgs, ListRoomSnapshotsResult>({
  name: "listRoomSnapshots",
  sideEffect: false,
  converges: true,
  validate: checkRoomDocumentQuery,
  run: async (client, { roomId, ...query }) => ({ snapshots: await client.listRoomSnapshots(roomId, query) }),
});

/**
 * Lists a room's snapshots. Runs in preview. Read-only: a second run lists the snapshots then.
 *
 * @param args - The arguments ({@link ListRoomSnapshotsArgs}): `roomId`, `page?`, `startedAt?`, `since?`,
 *   `until?`, `all?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.listRoomSnapshots({ roomId });
 * ```
 */
export function listRoomSnapshots(
  args: ListRoomSnapshotsArgs,
  opts?: EyesonInvokeOptions,
): Promise<ListRoomSnapshotsResult> {
  return listRoomSnapshotsFn.invoke(args, opts);
}

/**
 * Lists a room's snapshots. Runs in preview. Read-only: a second run lists the snapshots then.
 *
 * @param args - The arguments as Pulumi inputs (`ListRoomSnapshotsOutputArgs`, see {@link
 *   ListRoomSnapshotsArgs}): `roomId`, `page?`, `startedAt?`, `since?`, `until?`, `all?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.listRoomSnapshotsOutput({ roomId: meeting.room.id });
 * ```
 */
export function listRoomSnapshotsOutput(
  args: ListRoomSnapshotsOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<ListRoomSnapshotsResult> {
  return listRoomSnapshotsFn.output(args, opts);
}
