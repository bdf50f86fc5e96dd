/**
 * Permalink functions (`docs/api-notes.md`, "Permalinks and their hosts") that are not the `Permalink` resource's own calls: list and read
 * permalinks, read a permalink's room by host token, and start (or join) its meeting as a host.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as api from "../types";
import type * as req from "../requests";
import { defineFunction, EyesonInvokeOptions, InputArgs, Known } from "./invoke";

/** Arguments of `listPermalinks`: a page, or `all: true` for every page at once. */
export type ListPermalinksArgs = req.ListPermalinksQuery;
/** `listPermalinks` arguments as `pulumi.Input`s. */
export type ListPermalinksOutputArgs = InputArgs<ListPermalinksArgs>;
/** One page of permalinks; every item carries host and guest tokens. */
export type ListPermalinksResult = Known<api.PermalinkPage>;

/** Arguments of `getPermalink`. */
export interface GetPermalinkArgs {
  /** The permalink id. */
  readonly permalinkId: string;
}
/** `getPermalink` arguments as `pulumi.Input`s. */
export type GetPermalinkOutputArgs = InputArgs<GetPermalinkArgs>;
/** The permalink; `permalink.userToken`, `permalink.guestToken` and `links` are secrets. */
export type GetPermalinkResult = Known<api.Permalink>;

/** Arguments of `getPermalinkRoom`. */
export interface GetPermalinkRoomArgs {
  /** Secret: a permalink host's user token. */
  readonly userToken: string;
}
/** `getPermalinkRoom` arguments as `pulumi.Input`s. */
export type GetPermalinkRoomOutputArgs = InputArgs<GetPermalinkRoomArgs>;
/** The permalink and its room as that host sees it (`room.startedAt` is set while a meeting runs). */
export type GetPermalinkRoomResult = Known<api.Permalink>;

/** Arguments of `startPermalinkMeeting`. */
export interface StartPermalinkMeetingArgs {
  /** Secret: a permalink host's user token. */
  readonly userToken: string;
}
/** `startPermalinkMeeting` arguments as `pulumi.Input`s. */
export type StartPermalinkMeetingOutputArgs = InputArgs<StartPermalinkMeetingArgs>;
/** The running room as this host sees it; `accessKey` and `links` are secrets. */
export type StartPermalinkMeetingResult = Known<api.Room> & {
  /** True when the meeting was already running, so this call joined it (a second `up`) rather than starting it. */
  readonly alreadyRunning: boolean;
};

const listPermalinksFn = defineFunction<ListPermalinksArgs, ListPermalinksResult>({
  name: "listPermalinks",
  sideEffect: false,
  converges: true,
  sensitive: true,
  validate: (args, check) => {
    check.integer("page", args.page, 1);
    check.integer("limit", args.limit, 1, 100);
    check.boolean("expired", args.expired);
    check.boolean("all", args.all);
  },
  run: (client, args) => client.listPermalinks(args),
});

/**
 * Lists permalinks (result sensitive: tokens). Runs in preview. Read-only: a second run lists the permalinks then.
 *
 * @param args - The arguments ({@link ListPermalinksArgs}): `page?`, `limit?`, `expired?`, `all?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.listPermalinks({ all: true });
 * ```
 */
export function listPermalinks(
  args: ListPermalinksArgs = {},
  opts?: EyesonInvokeOptions,
): Promise<ListPermalinksResult> {
  return listPermalinksFn.invoke(args, opts);
}

/**
 * Lists permalinks; the result is secret. Runs in preview. Read-only: a second run lists the permalinks then.
 *
 * @param args - The arguments as Pulumi inputs (`ListPermalinksOutputArgs`, see {@link ListPermalinksArgs}):
 *   `page?`, `limit?`, `expired?`, `all?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = eyeson.listPermalinksOutput({ all: true });
 * ```
 */
export function listPermalinksOutput(
  args: ListPermalinksOutputArgs = {},
  opts?: EyesonInvokeOptions,
): pulumi.Output<ListPermalinksResult> {
  return listPermalinksFn.output(args, opts);
}

const getPermalinkFn = defineFunction<GetPermalinkArgs, GetPermalinkResult>({
  name: "getPermalink",
  sideEffect: false,
  converges: true,
  sensitive: true,
  validate: (args, check) => check.string("permalinkId", args.permalinkId),
  run: (client, args) => client.getPermalink(args.permalinkId),
});

/**
 * Reads a permalink (result sensitive: tokens). Runs in preview. Read-only: a second run reads again; EyesonNotFoundError once deleted.
 *
 * @param args - The arguments ({@link GetPermalinkArgs}): `permalinkId`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.getPermalink({ permalinkId: "6643685b858f54f55edef723" });
 * ```
 */
export function getPermalink(
  args: GetPermalinkArgs,
  opts?: EyesonInvokeOptions,
): Promise<GetPermalinkResult> {
  return getPermalinkFn.invoke(args, opts);
}

/**
 * Reads a permalink; the result is secret. Runs in preview. Read-only: a second run reads again; EyesonNotFoundError once deleted.
 *
 * @param args - The arguments as Pulumi inputs (`GetPermalinkOutputArgs`, see {@link GetPermalinkArgs}):
 *   `permalinkId`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `warRoom` is an `eyeson.Permalink`
 * const result = eyeson.getPermalinkOutput({ permalinkId: warRoom.permalinkId });
 * ```
 */
export function getPermalinkOutput(
  args: GetPermalinkOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<GetPermalinkResult> {
  return getPermalinkFn.output(args, opts);
}

const getPermalinkRoomFn = defineFunction<GetPermalinkRoomArgs, GetPermalinkRoomResult>({
  name: "getPermalinkRoom",
  sideEffect: false,
  converges: true,
  sensitive: true,
  validate: (args, check) => check.string("userToken", args.userToken),
  run: (client, args) => client.getPermalinkRoom(args.userToken),
});

/**
 * Reads a permalink's room by host token (result sensitive). Runs in preview. Read-only: a second run shows whether a meeting runs then.
 *
 * @param args - The arguments ({@link GetPermalinkRoomArgs}): `userToken`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.getPermalinkRoom({ userToken });
 * ```
 */
export function getPermalinkRoom(
  args: GetPermalinkRoomArgs,
  opts?: EyesonInvokeOptions,
): Promise<GetPermalinkRoomResult> {
  return getPermalinkRoomFn.invoke(args, opts);
}

/**
 * Reads a permalink's room by host token; the result is secret. Runs in preview. Read-only: a second run shows whether a meeting runs then.
 *
 * @param args - The arguments as Pulumi inputs (`GetPermalinkRoomOutputArgs`, see {@link GetPermalinkRoomArgs}):
 *   `userToken`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `warRoom` is an `eyeson.Permalink`
 * const result = eyeson.getPermalinkRoomOutput({ userToken: warRoom.userToken });
 * ```
 */
export function getPermalinkRoomOutput(
  args: GetPermalinkRoomOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<GetPermalinkRoomResult> {
  return getPermalinkRoomFn.output(args, opts);
}

const startPermalinkMeetingFn = defineFunction<StartPermalinkMeetingArgs, StartPermalinkMeetingResult>({
  name: "startPermalinkMeeting",
  sideEffect: true,
  converges: true,
  sensitive: true,
  validate: (args, check) => check.string("userToken", args.userToken),
  run: async (client, args) => {
    // The start joins a running meeting too; asking first tells the program whether this run started it.
    const before = await client.getPermalinkRoom(args.userToken);
    const alreadyRunning = before.room?.startedAt != null;
    return { ...(await client.startPermalinkMeeting(args.userToken)), alreadyRunning };
  },
});

/**
 * Starts (or joins) the permalink's meeting as a host (result sensitive). Preview: rejects, use `startPermalinkMeetingOutput`. Second run: joins the running meeting (same room, fresh access key) and reports `alreadyRunning: true` (side effect, convergent).
 *
 * @param args - The arguments ({@link StartPermalinkMeetingArgs}): `userToken`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.startPermalinkMeeting({ userToken });
 * ```
 */
export function startPermalinkMeeting(
  args: StartPermalinkMeetingArgs,
  opts?: EyesonInvokeOptions,
): Promise<StartPermalinkMeetingResult> {
  return startPermalinkMeetingFn.invoke(args, opts);
}

/**
 * Starts (or joins) the permalink's meeting as a host; the result is secret. Preview: unknown, no request. Second run: joins the running meeting (same room, fresh access key) and reports `alreadyRunning: true` (side effect, convergent).
 *
 * @param args - The arguments as Pulumi inputs (`StartPermalinkMeetingOutputArgs`, see {@link
 *   StartPermalinkMeetingArgs}): `userToken`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `warRoom` is an `eyeson.Permalink`
 * const result = eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken });
 * ```
 */
export function startPermalinkMeetingOutput(
  args: StartPermalinkMeetingOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<StartPermalinkMeetingResult> {
  return startPermalinkMeetingFn.output(args, opts);
}
