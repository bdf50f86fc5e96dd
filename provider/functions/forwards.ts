/**
 * Stream-forwarding functions (`docs/api-notes.md`, "Forwards"): send a participant, the composed stream or a playback
 * to a WHIP endpoint (e.g. an analysis service), and stop it. API key; the path takes the room id.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as req from "../requests";
import { startOrConfirm } from "./converge";
import type { ArgCheck } from "../validate";
import { defineFunction, EyesonInvokeOptions, InputArgs } from "./invoke";

/** Arguments every forward shares: the room and the body of the forward calls. */
interface ForwardTarget extends req.ForwardBody {
  /** The room id (not the access key). */
  readonly roomId: string;
}

/** Arguments of `forwardSource`: forward one participant or video source. */
export interface ForwardSourceArgs extends ForwardTarget, req.ForwardSourceBody {}
/** `forwardSource` arguments as `pulumi.Input`s. */
export type ForwardSourceOutputArgs = InputArgs<ForwardSourceArgs>;

/** Arguments of `forwardMcu`: forward the whole composed meeting stream. */
export type ForwardMcuArgs = ForwardTarget;
/** `forwardMcu` arguments as `pulumi.Input`s. */
export type ForwardMcuOutputArgs = InputArgs<ForwardMcuArgs>;

/** Arguments of `forwardPlayback`: forward a running playback. */
export interface ForwardPlaybackArgs extends ForwardTarget, req.ForwardPlaybackBody {}
/** `forwardPlayback` arguments as `pulumi.Input`s. */
export type ForwardPlaybackOutputArgs = InputArgs<ForwardPlaybackArgs>;

/** Result of `forwardSource`, `forwardMcu` and `forwardPlayback`: what `stopForward` needs. */
export interface ForwardResult {
  readonly roomId: string;
  readonly forwardId: string;
  /**
   * True when a forward with this `forwardId` already ran (the API's 409), so this call started nothing.
   * The API cannot list forwards, so the id is all that is compared: give each forward its own id.
   */
  readonly alreadyRunning: boolean;
}
/** Result of `forwardSource`. */
export type ForwardSourceResult = ForwardResult;
/** Result of `forwardMcu`. */
export type ForwardMcuResult = ForwardResult;
/** Result of `forwardPlayback`. */
export type ForwardPlaybackResult = ForwardResult;

/** Arguments of `stopForward`. */
export interface StopForwardArgs {
  readonly roomId: string;
  readonly forwardId: string;
  /** Resolve with `stopped: false` instead of failing when no such forward runs (404). */
  readonly missingOk?: boolean;
}
/** `stopForward` arguments as `pulumi.Input`s. */
export type StopForwardOutputArgs = InputArgs<StopForwardArgs>;
/** Result of `stopForward`. */
export interface StopForwardResult {
  readonly roomId: string;
  readonly forwardId: string;
  /** False when `missingOk` found no such forward. */
  readonly stopped: boolean;
}

const MEDIA_TYPES: readonly req.ForwardMediaType[] = ["audio", "video"];

function checkForward(args: ForwardTarget, check: ArgCheck): void {
  check.string("roomId", args.roomId);
  check.string("forwardId", args.forwardId);
  if (!Array.isArray(args.type) || args.type.length === 0) {
    check.fail("type", 'must be a non-empty list of "audio" and/or "video"');
  }
  args.type.forEach((t, i) => check.oneOf(`type[${i}]`, t, MEDIA_TYPES, false));
  if (new Set(args.type).size !== args.type.length) check.fail("type", "must not repeat a media type");
  check.url("url", args.url);
}

/**
 * Starts a forward; a 409 means the room already forwards under this `forward_id`, which is unique per forward
 * and chosen by the caller, so the forward this call asks for is running (eyeson documents no listing to check).
 */
async function startForward(args: ForwardTarget, start: () => Promise<void>): Promise<ForwardResult> {
  const alreadyRunning = await startOrConfirm(start, [409], async () => true);
  return { roomId: args.roomId, forwardId: args.forwardId, alreadyRunning };
}

const forwardSourceFn = defineFunction<ForwardSourceArgs, ForwardSourceResult>({
  name: "forwardSource",
  sideEffect: true,
  converges: true,
  validate: (args, check) => {
    checkForward(args, check);
    check.string("userId", args.userId);
  },
  run: (client, { roomId, ...forward }) =>
    startForward({ roomId, ...forward }, () => client.forwardSource(roomId, forward)),
});

/**
 * Forwards one participant's stream to a WHIP endpoint. Preview: rejects, use `forwardSourceOutput`. Second run: the same `forwardId` while it runs succeeds with `alreadyRunning: true` (side effect, convergent).
 *
 * @param args - The arguments ({@link ForwardSourceArgs}): `roomId`, `forwardId`, `type`, `url`, `userId`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.forwardSource({
 *   roomId,
 *   forwardId: "to-studio",
 *   type: ["audio", "video"],
 *   url: "https://whip.example.com/ingest",
 *   userId: "oncall-primary",
 * });
 * ```
 */
export function forwardSource(
  args: ForwardSourceArgs,
  opts?: EyesonInvokeOptions,
): Promise<ForwardSourceResult> {
  return forwardSourceFn.invoke(args, opts);
}

/**
 * Forwards one participant's stream to a WHIP endpoint. Preview: unknown, no request. Second run: the same `forwardId` while it runs succeeds with `alreadyRunning: true` (side effect, convergent).
 *
 * @param args - The arguments as Pulumi inputs (`ForwardSourceOutputArgs`, see {@link ForwardSourceArgs}):
 *   `roomId`, `forwardId`, `type`, `url`, `userId`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.forwardSourceOutput({
 *   roomId: meeting.room.id,
 *   forwardId: "to-studio",
 *   type: ["audio", "video"],
 *   url: "https://whip.example.com/ingest",
 *   userId: "oncall-primary",
 * });
 * ```
 */
export function forwardSourceOutput(
  args: ForwardSourceOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<ForwardSourceResult> {
  return forwardSourceFn.output(args, opts);
}

const forwardMcuFn = defineFunction<ForwardMcuArgs, ForwardMcuResult>({
  name: "forwardMcu",
  sideEffect: true,
  converges: true,
  validate: checkForward,
  run: (client, { roomId, ...forward }) =>
    startForward({ roomId, ...forward }, () => client.forwardMcu(roomId, forward)),
});

/**
 * Forwards the composed meeting stream to a WHIP endpoint. Preview: rejects, use `forwardMcuOutput`. Second run: the same `forwardId` while it runs succeeds with `alreadyRunning: true` (side effect, convergent).
 *
 * @param args - The arguments ({@link ForwardMcuArgs}): `roomId`, `forwardId`, `type`, `url`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.forwardMcu({
 *   roomId,
 *   forwardId: "to-studio",
 *   type: ["audio", "video"],
 *   url: "https://whip.example.com/ingest",
 * });
 * ```
 */
export function forwardMcu(args: ForwardMcuArgs, opts?: EyesonInvokeOptions): Promise<ForwardMcuResult> {
  return forwardMcuFn.invoke(args, opts);
}

/**
 * Forwards the composed meeting stream to a WHIP endpoint. Preview: unknown, no request. Second run: the same `forwardId` while it runs succeeds with `alreadyRunning: true` (side effect, convergent).
 *
 * @param args - The arguments as Pulumi inputs (`ForwardMcuOutputArgs`, see {@link ForwardMcuArgs}): `roomId`,
 *   `forwardId`, `type`, `url`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.forwardMcuOutput({
 *   roomId: meeting.room.id,
 *   forwardId: "to-studio",
 *   type: ["audio", "video"],
 *   url: "https://whip.example.com/ingest",
 * });
 * ```
 */
export function forwardMcuOutput(
  args: ForwardMcuOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<ForwardMcuResult> {
  return forwardMcuFn.output(args, opts);
}

const forwardPlaybackFn = defineFunction<ForwardPlaybackArgs, ForwardPlaybackResult>({
  name: "forwardPlayback",
  sideEffect: true,
  converges: true,
  validate: (args, check) => {
    checkForward(args, check);
    check.string("playId", args.playId);
  },
  run: (client, { roomId, ...forward }) =>
    startForward({ roomId, ...forward }, () => client.forwardPlayback(roomId, forward)),
});

/**
 * Forwards a running playback to a WHIP endpoint. Preview: rejects, use `forwardPlaybackOutput`. Second run: the same `forwardId` while it runs succeeds with `alreadyRunning: true` (side effect, convergent).
 *
 * @param args - The arguments ({@link ForwardPlaybackArgs}): `roomId`, `forwardId`, `type`, `url`, `playId`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.forwardPlayback({
 *   roomId,
 *   forwardId: "to-studio",
 *   type: ["audio", "video"],
 *   url: "https://whip.example.com/ingest",
 *   playId: "intro",
 * });
 * ```
 */
export function forwardPlayback(
  args: ForwardPlaybackArgs,
  opts?: EyesonInvokeOptions,
): Promise<ForwardPlaybackResult> {
  return forwardPlaybackFn.invoke(args, opts);
}

/**
 * Forwards a running playback to a WHIP endpoint. Preview: unknown, no request. Second run: the same `forwardId` while it runs succeeds with `alreadyRunning: true` (side effect, convergent).
 *
 * @param args - The arguments as Pulumi inputs (`ForwardPlaybackOutputArgs`, see {@link ForwardPlaybackArgs}):
 *   `roomId`, `forwardId`, `type`, `url`, `playId`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.forwardPlaybackOutput({
 *   roomId: meeting.room.id,
 *   forwardId: "to-studio",
 *   type: ["audio", "video"],
 *   url: "https://whip.example.com/ingest",
 *   playId: "intro",
 * });
 * ```
 */
export function forwardPlaybackOutput(
  args: ForwardPlaybackOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<ForwardPlaybackResult> {
  return forwardPlaybackFn.output(args, opts);
}

const stopForwardFn = defineFunction<StopForwardArgs, StopForwardResult>({
  name: "stopForward",
  sideEffect: true,
  converges: "withMissingOk",
  validate: (args, check) => {
    check.string("roomId", args.roomId);
    check.string("forwardId", args.forwardId);
    check.boolean("missingOk", args.missingOk);
  },
  run: async (client, args) => ({
    roomId: args.roomId,
    forwardId: args.forwardId,
    stopped: await client.stopForward(args.roomId, args.forwardId, { missingOk: args.missingOk }),
  }),
});

/**
 * Stops a forward (side effect; convergent with `missingOk`). Preview: rejects, use `stopForwardOutput`. Second run: EyesonNotFoundError, or `stopped: false` with `missingOk`.
 *
 * @param args - The arguments ({@link StopForwardArgs}): `roomId`, `forwardId`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.stopForward({ roomId, forwardId: "to-studio" });
 * ```
 */
export function stopForward(args: StopForwardArgs, opts?: EyesonInvokeOptions): Promise<StopForwardResult> {
  return stopForwardFn.invoke(args, opts);
}

/**
 * Stops a forward (side effect; convergent with `missingOk`). Preview: unknown, no request. Second run: EyesonNotFoundError, or `stopped: false` with `missingOk`.
 *
 * @param args - The arguments as Pulumi inputs (`StopForwardOutputArgs`, see {@link StopForwardArgs}): `roomId`,
 *   `forwardId`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.stopForwardOutput({ roomId: meeting.room.id, forwardId: "to-studio" });
 * ```
 */
export function stopForwardOutput(
  args: StopForwardOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<StopForwardResult> {
  return stopForwardFn.output(args, opts);
}
