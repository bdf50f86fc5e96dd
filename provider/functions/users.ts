/**
 * Participant functions: list and read participants, kick one, register a guest
 * (https://docs.eyeson.com/docs/rest/references/user; `docs/api-notes.md`, "Listing participants").
 */
import * as pulumi from "@pulumi/pulumi";
import type * as api from "../types";
import type * as req from "../requests";
import { defineFunction, EyesonInvokeOptions, InputArgs, Known } from "./invoke";

/** Arguments of `listRoomUsers`: the access key, and optionally whether to list only online (or offline) users. */
export interface ListRoomUsersArgs extends req.ListRoomUsersQuery {
  /** Secret: the access key of a user in the meeting. */
  readonly accessKey: string;
}
/** `listRoomUsers` arguments as `pulumi.Input`s. */
export type ListRoomUsersOutputArgs = InputArgs<ListRoomUsersArgs>;
/** The participants of the meeting. */
export interface ListRoomUsersResult {
  /** The participants. */
  readonly users: readonly Known<api.Participant>[];
}

/** Arguments of `getRoomUser`. */
export interface GetRoomUserArgs {
  /** Secret: the access key of a user in the meeting. */
  readonly accessKey: string;
  /** The participant's user id. */
  readonly userId: string;
}
/** `getRoomUser` arguments as `pulumi.Input`s. */
export type GetRoomUserOutputArgs = InputArgs<GetRoomUserArgs>;
/** A participant's details. */
export type GetRoomUserResult = Known<api.UserDetails>;

/** Arguments of `kickRoomUser`. */
export interface KickRoomUserArgs {
  /** Secret: the access key of a user in the meeting. */
  readonly accessKey: string;
  readonly userId: string;
  /** Resolve with `kicked: false` instead of failing when the user is not in the meeting (404/410). */
  readonly missingOk?: boolean;
}
/** `kickRoomUser` arguments as `pulumi.Input`s. */
export type KickRoomUserOutputArgs = InputArgs<KickRoomUserArgs>;
/** Result of `kickRoomUser`. */
export interface KickRoomUserResult {
  readonly userId: string;
  /** False when `missingOk` found the user already gone. */
  readonly kicked: boolean;
}

/** Arguments of `registerGuest`: the meeting's guest token and the guest's name. */
export interface RegisterGuestArgs extends req.RegisterGuestBody {
  /** Secret: a room's `guestToken` or a permalink's guest token. */
  readonly guestToken: string;
}
/** `registerGuest` arguments as `pulumi.Input`s. */
export type RegisterGuestOutputArgs = InputArgs<RegisterGuestArgs>;
/** The room as the new guest sees it; `accessKey` and `links` are secrets. */
export type RegisterGuestResult = Known<api.Room>;

const listRoomUsersFn = defineFunction<ListRoomUsersArgs, ListRoomUsersResult>({
  name: "listRoomUsers",
  sideEffect: false,
  converges: true,
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.boolean("online", args.online);
  },
  run: async (client, args) => ({
    users: await client.listRoomUsers(
      args.accessKey,
      args.online === undefined ? {} : { online: args.online },
    ),
  }),
});

/**
 * Lists the meeting's participants. Runs in preview. Read-only: a second run lists who is there then.
 *
 * @param args - The arguments ({@link ListRoomUsersArgs}): `accessKey`, `online?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.listRoomUsers({ accessKey });
 * ```
 */
export function listRoomUsers(
  args: ListRoomUsersArgs,
  opts?: EyesonInvokeOptions,
): Promise<ListRoomUsersResult> {
  return listRoomUsersFn.invoke(args, opts);
}

/**
 * Lists the meeting's participants. Runs in preview. Read-only: a second run lists who is there then.
 *
 * @param args - The arguments as Pulumi inputs (`ListRoomUsersOutputArgs`, see {@link ListRoomUsersArgs}):
 *   `accessKey`, `online?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.listRoomUsersOutput({ accessKey: meeting.accessKey });
 * ```
 */
export function listRoomUsersOutput(
  args: ListRoomUsersOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<ListRoomUsersResult> {
  return listRoomUsersFn.output(args, opts);
}

const getRoomUserFn = defineFunction<GetRoomUserArgs, GetRoomUserResult>({
  name: "getRoomUser",
  sideEffect: false,
  converges: true,
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.string("userId", args.userId);
  },
  run: (client, args) => client.getRoomUser(args.accessKey, args.userId),
});

/**
 * Reads one participant. Runs in preview. Read-only: a second run reads again; EyesonNotFoundError for an unknown user.
 *
 * @param args - The arguments ({@link GetRoomUserArgs}): `accessKey`, `userId`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.getRoomUser({ accessKey, userId: "oncall-primary" });
 * ```
 */
export function getRoomUser(args: GetRoomUserArgs, opts?: EyesonInvokeOptions): Promise<GetRoomUserResult> {
  return getRoomUserFn.invoke(args, opts);
}

/**
 * Reads one participant. Runs in preview. Read-only: a second run reads again; EyesonNotFoundError for an unknown user.
 *
 * @param args - The arguments as Pulumi inputs (`GetRoomUserOutputArgs`, see {@link GetRoomUserArgs}):
 *   `accessKey`, `userId`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.getRoomUserOutput({ accessKey: meeting.accessKey, userId: "oncall-primary" });
 * ```
 */
export function getRoomUserOutput(
  args: GetRoomUserOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<GetRoomUserResult> {
  return getRoomUserFn.output(args, opts);
}

const kickRoomUserFn = defineFunction<KickRoomUserArgs, KickRoomUserResult>({
  name: "kickRoomUser",
  sideEffect: true,
  converges: "withMissingOk",
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.string("userId", args.userId);
    check.boolean("missingOk", args.missingOk);
  },
  run: async (client, args) => ({
    userId: args.userId,
    kicked: await client.kickRoomUser(args.accessKey, args.userId, { missingOk: args.missingOk }),
  }),
});

/**
 * Removes a participant (they may rejoin) (side effect; convergent with `missingOk`). Preview: rejects, use `kickRoomUserOutput`. Second run: EyesonNotFoundError, or `kicked: false` with `missingOk`.
 *
 * @param args - The arguments ({@link KickRoomUserArgs}): `accessKey`, `userId`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.kickRoomUser({ accessKey, userId: "oncall-primary" });
 * ```
 */
export function kickRoomUser(
  args: KickRoomUserArgs,
  opts?: EyesonInvokeOptions,
): Promise<KickRoomUserResult> {
  return kickRoomUserFn.invoke(args, opts);
}

/**
 * Removes a participant (they may rejoin) (side effect; convergent with `missingOk`). Preview: unknown, no request. Second run: EyesonNotFoundError, or `kicked: false` with `missingOk`.
 *
 * @param args - The arguments as Pulumi inputs (`KickRoomUserOutputArgs`, see {@link KickRoomUserArgs}):
 *   `accessKey`, `userId`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.kickRoomUserOutput({
 *   accessKey: meeting.accessKey,
 *   userId: "oncall-primary",
 * });
 * ```
 */
export function kickRoomUserOutput(
  args: KickRoomUserOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<KickRoomUserResult> {
  return kickRoomUserFn.output(args, opts);
}

const registerGuestFn = defineFunction<RegisterGuestArgs, RegisterGuestResult>({
  name: "registerGuest",
  sideEffect: true,
  converges: false,
  sensitive: true,
  validate: (args, check) => {
    check.string("guestToken", args.guestToken);
    check.string("name", args.name);
    check.string("id", args.id, true);
    check.url("avatar", args.avatar, undefined, true);
    check.object("customFields", args.customFields, true);
    check.oneOf("customFields.locale", args.customFields?.locale, ["en", "de", "fr"]);
  },
  run: (client, { guestToken, ...guest }) => client.registerGuest(guestToken, guest),
});

/**
 * Registers a guest in a running meeting (result sensitive: access key, links) (side effect, not convergent: each run registers again). Preview: rejects, use `registerGuestOutput`. Second run: registers the guest again with a fresh access key (the same participant when `id` is fixed).
 *
 * @param args - The arguments ({@link RegisterGuestArgs}): `guestToken`, `name`, `id?`, `avatar?`,
 *   `customFields?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.registerGuest({ guestToken, name: "Guest" });
 * ```
 */
export function registerGuest(
  args: RegisterGuestArgs,
  opts?: EyesonInvokeOptions,
): Promise<RegisterGuestResult> {
  return registerGuestFn.invoke(args, opts);
}

/**
 * Registers a guest in a running meeting; the result is secret (side effect, not convergent: each run registers again). Preview: unknown, no request. Second run: registers the guest again with a fresh access key (the same participant when `id` is fixed).
 *
 * @param args - The arguments as Pulumi inputs (`RegisterGuestOutputArgs`, see {@link RegisterGuestArgs}):
 *   `guestToken`, `name`, `id?`, `avatar?`, `customFields?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `warRoom` is an `eyeson.Permalink`
 * const result = eyeson.registerGuestOutput({ guestToken: warRoom.guestToken, name: "Guest" });
 * ```
 */
export function registerGuestOutput(
  args: RegisterGuestOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<RegisterGuestResult> {
  return registerGuestFn.output(args, opts);
}
