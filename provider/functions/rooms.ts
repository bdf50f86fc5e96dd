/**
 * Meeting functions (https://docs.eyeson.com/docs/rest/references/room): start or join a room, read it, end it, list running meetings,
 * shut one down by room id, lock it.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as api from "../types";
import type * as req from "../requests";
import { defineFunction, EyesonInvokeOptions, InputArgs, Known } from "./invoke";
import { checkRoomOptions, checkUser } from "../validate";

/** Arguments of `startRoom`: the user who opens (or joins) the room, an optional fixed room id and options. */
export type StartRoomArgs = req.StartRoomBody;
/** `startRoom` arguments as `pulumi.Input`s. */
export type StartRoomOutputArgs = InputArgs<StartRoomArgs>;
/** The room as this user sees it; `accessKey` and `links` are secrets. */
export type StartRoomResult = Known<api.Room>;

/** Arguments of `getRoom`. */
export interface GetRoomArgs {
  /** Secret: the access key of a user in the meeting. */
  readonly accessKey: string;
}
/** `getRoom` arguments as `pulumi.Input`s. */
export type GetRoomOutputArgs = InputArgs<GetRoomArgs>;
/** The room as the access key's user sees it; `accessKey` and `links` are secrets. */
export type GetRoomResult = Known<api.Room>;

/** Arguments of `endRoom`. */
export interface EndRoomArgs {
  /** Secret: the access key of a user in the meeting. */
  readonly accessKey: string;
  /** Resolve with `ended: false` instead of failing when the meeting is already over (404/410). */
  readonly missingOk?: boolean;
}
/** `endRoom` arguments as `pulumi.Input`s. */
export type EndRoomOutputArgs = InputArgs<EndRoomArgs>;
/** Result of `endRoom`. */
export interface EndRoomResult {
  /** False when `missingOk` found the meeting already over. */
  readonly ended: boolean;
}

/** Arguments of `listRooms` (none today; an object so options can be added). */
export type ListRoomsArgs = Record<string, never>;
/** `listRooms` arguments as `pulumi.Input`s. */
export type ListRoomsOutputArgs = InputArgs<ListRoomsArgs>;
/** The running meetings of the API key; each carries its room's guest token. */
export interface ListRoomsResult {
  /** The running meetings. */
  readonly rooms: readonly Known<api.RoomInfo>[];
}

/** Arguments of `shutdownRoom`. */
export interface ShutdownRoomArgs {
  /** The room id (not the access key). */
  readonly roomId: string;
  /** Resolve with `ended: false` instead of failing when no meeting runs in the room (404). */
  readonly missingOk?: boolean;
}
/** `shutdownRoom` arguments as `pulumi.Input`s. */
export type ShutdownRoomOutputArgs = InputArgs<ShutdownRoomArgs>;
/** Result of `shutdownRoom`. */
export interface ShutdownRoomResult {
  readonly roomId: string;
  /** False when `missingOk` found no running meeting. */
  readonly ended: boolean;
}

/** Arguments of `lockRoom`. */
export interface LockRoomArgs {
  /** Secret: the access key of a user in the meeting. */
  readonly accessKey: string;
}
/** `lockRoom` arguments as `pulumi.Input`s. */
export type LockRoomOutputArgs = InputArgs<LockRoomArgs>;
/** Result of `lockRoom`. */
export interface LockRoomResult {
  readonly locked: true;
}

const startRoomFn = defineFunction<StartRoomArgs, StartRoomResult>({
  name: "startRoom",
  sideEffect: true,
  converges: "withFixedId",
  sensitive: true,
  validate: (args, check) => {
    check.string("id", args.id, true);
    check.string("name", args.name, true);
    // The same rules as the Permalink resource's inputs: one definition of what a room accepts.
    checkUser(check, "user", args.user);
    checkRoomOptions(check, "options", args.options);
  },
  run: (client, args) => client.startRoom(args),
});

/**
 * Starts a meeting (result sensitive: access key, links) (side effect; convergent with a fixed `id`). Preview: rejects, use `startRoomOutput`. Second run: with a fixed `id` joins the running meeting, without one opens another room.
 *
 * @param args - The arguments ({@link StartRoomArgs}): `user`, `id?`, `name?`, `options?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.startRoom({ user: { name: "Incident lead", id: "lead" } });
 * ```
 */
export function startRoom(args: StartRoomArgs, opts?: EyesonInvokeOptions): Promise<StartRoomResult> {
  return startRoomFn.invoke(args, opts);
}

/**
 * Starts a meeting; the result is secret (side effect; convergent with a fixed `id`). Preview: unknown, no request. Second run: with a fixed `id` joins the running meeting, without one opens another room.
 *
 * @param args - The arguments as Pulumi inputs (`StartRoomOutputArgs`, see {@link StartRoomArgs}): `user`,
 *   `id?`, `name?`, `options?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = eyeson.startRoomOutput({ user: { name: "Incident lead", id: "lead" } });
 * ```
 */
export function startRoomOutput(
  args: StartRoomOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<StartRoomResult> {
  return startRoomFn.output(args, opts);
}

const getRoomFn = defineFunction<GetRoomArgs, GetRoomResult>({
  name: "getRoom",
  sideEffect: false,
  converges: true,
  sensitive: true,
  validate: (args, check) => check.string("accessKey", args.accessKey),
  run: (client, args) => client.getRoom(args.accessKey),
});

/**
 * Reads the current meeting (result sensitive). Runs in preview. Read-only: a second run reads the latest state; 410 once the meeting ended.
 *
 * @param args - The arguments ({@link GetRoomArgs}): `accessKey`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.getRoom({ accessKey });
 * ```
 */
export function getRoom(args: GetRoomArgs, opts?: EyesonInvokeOptions): Promise<GetRoomResult> {
  return getRoomFn.invoke(args, opts);
}

/**
 * Reads the current meeting; the result is secret. Runs in preview. Read-only: a second run reads the latest state; 410 once the meeting ended.
 *
 * @param args - The arguments as Pulumi inputs (`GetRoomOutputArgs`, see {@link GetRoomArgs}): `accessKey`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.getRoomOutput({ accessKey: meeting.accessKey });
 * ```
 */
export function getRoomOutput(
  args: GetRoomOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<GetRoomResult> {
  return getRoomFn.output(args, opts);
}

const endRoomFn = defineFunction<EndRoomArgs, EndRoomResult>({
  name: "endRoom",
  sideEffect: true,
  converges: "withMissingOk",
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.boolean("missingOk", args.missingOk);
  },
  run: async (client, args) => ({
    ended: await client.endRoom(args.accessKey, { missingOk: args.missingOk }),
  }),
});

/**
 * Ends the meeting for everyone (side effect; convergent with `missingOk`). Preview: rejects, use `endRoomOutput`. Second run: EyesonGoneError (410), or `ended: false` with `missingOk`.
 *
 * @param args - The arguments ({@link EndRoomArgs}): `accessKey`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.endRoom({ accessKey });
 * ```
 */
export function endRoom(args: EndRoomArgs, opts?: EyesonInvokeOptions): Promise<EndRoomResult> {
  return endRoomFn.invoke(args, opts);
}

/**
 * Ends the meeting for everyone (side effect; convergent with `missingOk`). Preview: unknown, no request. Second run: EyesonGoneError (410), or `ended: false` with `missingOk`.
 *
 * @param args - The arguments as Pulumi inputs (`EndRoomOutputArgs`, see {@link EndRoomArgs}): `accessKey`,
 *   `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.endRoomOutput({ accessKey: meeting.accessKey });
 * ```
 */
export function endRoomOutput(
  args: EndRoomOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<EndRoomResult> {
  return endRoomFn.output(args, opts);
}

const listRoomsFn = defineFunction<ListRoomsArgs, ListRoomsResult>({
  name: "listRooms",
  sideEffect: false,
  converges: true,
  validate: () => undefined,
  run: async (client) => ({ rooms: await client.listRooms() }),
});

/**
 * Lists the running meetings (sensitive: guest tokens). Runs in preview. Read-only: a second run lists the meetings running then.
 *
 * @param args - The arguments ({@link ListRoomsArgs}): no field is required.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.listRooms({});
 * ```
 */
export function listRooms(args: ListRoomsArgs = {}, opts?: EyesonInvokeOptions): Promise<ListRoomsResult> {
  return listRoomsFn.invoke(args, opts);
}

/**
 * Lists the running meetings; secret when one carries a guest token. Runs in preview. Read-only: a second run lists the meetings running then.
 *
 * @param args - The arguments as Pulumi inputs (`ListRoomsOutputArgs`, see {@link ListRoomsArgs}): no field is
 *   required.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = eyeson.listRoomsOutput({});
 * ```
 */
export function listRoomsOutput(
  args: ListRoomsOutputArgs = {},
  opts?: EyesonInvokeOptions,
): pulumi.Output<ListRoomsResult> {
  return listRoomsFn.output(args, opts);
}

const shutdownRoomFn = defineFunction<ShutdownRoomArgs, ShutdownRoomResult>({
  name: "shutdownRoom",
  sideEffect: true,
  converges: "withMissingOk",
  validate: (args, check) => {
    check.string("roomId", args.roomId);
    check.boolean("missingOk", args.missingOk);
  },
  run: async (client, args) => ({
    roomId: args.roomId,
    ended: await client.shutdownRoom(args.roomId, { missingOk: args.missingOk }),
  }),
});

/**
 * Force-ends the meeting running in a room (API key) (side effect; convergent with `missingOk`). Preview: rejects, use `shutdownRoomOutput`. Second run: EyesonNotFoundError, or `ended: false` with `missingOk`.
 *
 * @param args - The arguments ({@link ShutdownRoomArgs}): `roomId`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.shutdownRoom({ roomId });
 * ```
 */
export function shutdownRoom(
  args: ShutdownRoomArgs,
  opts?: EyesonInvokeOptions,
): Promise<ShutdownRoomResult> {
  return shutdownRoomFn.invoke(args, opts);
}

/**
 * Force-ends the meeting running in a room (API key) (side effect; convergent with `missingOk`). Preview: unknown, no request. Second run: EyesonNotFoundError, or `ended: false` with `missingOk`.
 *
 * @param args - The arguments as Pulumi inputs (`ShutdownRoomOutputArgs`, see {@link ShutdownRoomArgs}):
 *   `roomId`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.shutdownRoomOutput({ roomId: meeting.room.id });
 * ```
 */
export function shutdownRoomOutput(
  args: ShutdownRoomOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<ShutdownRoomResult> {
  return shutdownRoomFn.output(args, opts);
}

const lockRoomFn = defineFunction<LockRoomArgs, LockRoomResult>({
  name: "lockRoom",
  sideEffect: true,
  converges: true,
  validate: (args, check) => check.string("accessKey", args.accessKey),
  run: async (client, args) => {
    await client.lockRoom(args.accessKey);
    return { locked: true };
  },
});

/**
 * Locks the meeting: nobody can join any more (needs `lockAvailable`) (side effect, convergent). Preview: rejects, use `lockRoomOutput`. Second run: stays locked (no unlock exists).
 *
 * @param args - The arguments ({@link LockRoomArgs}): `accessKey`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.lockRoom({ accessKey });
 * ```
 */
export function lockRoom(args: LockRoomArgs, opts?: EyesonInvokeOptions): Promise<LockRoomResult> {
  return lockRoomFn.invoke(args, opts);
}

/**
 * Locks the meeting: nobody can join any more (needs `lockAvailable`) (side effect, convergent). Preview: unknown, no request. Second run: stays locked (no unlock exists).
 *
 * @param args - The arguments as Pulumi inputs (`LockRoomOutputArgs`, see {@link LockRoomArgs}): `accessKey`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.lockRoomOutput({ accessKey: meeting.accessKey });
 * ```
 */
export function lockRoomOutput(
  args: LockRoomOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<LockRoomResult> {
  return lockRoomFn.output(args, opts);
}
