/**
 * Media in and out of a meeting: playbacks (a public media file played into it) and the one RTMP broadcast
 * (the meeting streamed out); `docs/api-notes.md`, "Layers, layouts, playbacks and broadcasts", and
 * "Starting things twice" for how a second start converges.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as req from "../requests";
import { startOrConfirm } from "./converge";
import { defineFunction, EyesonInvokeOptions, InMeeting, InputArgs } from "./invoke";

/** Arguments of `startPlayback`. */
export interface StartPlaybackArgs extends InMeeting, req.StartPlaybackBody {}
/** `startPlayback` arguments as `pulumi.Input`s. */
export type StartPlaybackOutputArgs = InputArgs<StartPlaybackArgs>;
/** Result of `startPlayback`. */
export interface StartPlaybackResult {
  /** Needed to stop the playback or to place it in a layout; absent when none was given. */
  readonly playId?: string;
  /** The playback runs now. */
  readonly started: true;
  /** True when a playback with this `playId` was already playing, so this call started nothing. */
  readonly alreadyRunning: boolean;
}

/** Arguments of `stopPlayback`. */
export interface StopPlaybackArgs extends InMeeting {
  readonly playId: string;
  /** Resolve with `stopped: false` instead of failing when no such playback runs (404). */
  readonly missingOk?: boolean;
}
/** `stopPlayback` arguments as `pulumi.Input`s. */
export type StopPlaybackOutputArgs = InputArgs<StopPlaybackArgs>;
/** Result of `stopPlayback`. */
export interface StopPlaybackResult {
  readonly playId: string;
  /** False when `missingOk` found no such playback. */
  readonly stopped: boolean;
}

/** Arguments of `startBroadcast`: the access key, the stream URL (secret) and the public viewer URL. */
export interface StartBroadcastArgs extends InMeeting, req.StartBroadcastBody {}
/** `startBroadcast` arguments as `pulumi.Input`s. */
export type StartBroadcastOutputArgs = InputArgs<StartBroadcastArgs>;
/** Result of `startBroadcast` (the stream URL is deliberately left out). */
export interface StartBroadcastResult {
  readonly playerUrl?: string;
  /** A broadcast runs now. */
  readonly started: true;
  /**
   * True when a broadcast was already running, so this call started nothing. The API does not tell its
   * stream URL, so it may be another stream; stop it first to switch streams.
   */
  readonly alreadyRunning: boolean;
}

/** Arguments of `updateBroadcast`: the access key and the new public viewer URL. */
export interface UpdateBroadcastArgs extends InMeeting, req.UpdateBroadcastBody {}
/** `updateBroadcast` arguments as `pulumi.Input`s. */
export type UpdateBroadcastOutputArgs = InputArgs<UpdateBroadcastArgs>;
/** Result of `updateBroadcast`. */
export interface UpdateBroadcastResult {
  readonly playerUrl: string;
}

/** Arguments of `stopBroadcast`. */
export interface StopBroadcastArgs extends InMeeting {
  /** Resolve with `stopped: false` instead of failing when no broadcast runs (404). */
  readonly missingOk?: boolean;
}
/** `stopBroadcast` arguments as `pulumi.Input`s. */
export type StopBroadcastOutputArgs = InputArgs<StopBroadcastArgs>;
/** Result of `stopBroadcast`. */
export interface StopBroadcastResult {
  /** False when `missingOk` found no broadcast. */
  readonly stopped: boolean;
}

const startPlaybackFn = defineFunction<StartPlaybackArgs, StartPlaybackResult>({
  name: "startPlayback",
  sideEffect: true,
  converges: "withPlayId",
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.url("url", args.url);
    check.boolean("audio", args.audio);
    check.string("playId", args.playId, true);
    check.string("replacementId", args.replacementId, true);
    check.string("name", args.name, true);
    check.integer("loopCount", args.loopCount, -1);
  },
  run: async (client, { accessKey, ...playback }) => {
    const { playId } = playback;
    // 409 while a playback with this play_id plays; the room's playbacks say whether that is the reason.
    const alreadyRunning = await startOrConfirm(
      () => client.startPlayback(accessKey, playback),
      [409],
      async () =>
        playId !== undefined &&
        ((await client.getRoom(accessKey)).playbacks ?? []).some((p) => p.playId === playId),
    );
    return { ...(playId !== undefined ? { playId } : {}), started: true, alreadyRunning };
  },
});

/**
 * Plays a public video/audio file into the meeting (side effect; convergent with a `playId`). Preview: rejects, use `startPlaybackOutput`. Second run: while the same `playId` plays, succeeds with `alreadyRunning: true`; without a `playId`, plays again.
 *
 * @param args - The arguments ({@link StartPlaybackArgs}): `accessKey`, `url`, `audio?`, `playId?`,
 *   `replacementId?`, `name?`, `loopCount?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.startPlayback({
 *   accessKey,
 *   url: "https://media.example.com/intro.mp4",
 * });
 * ```
 */
export function startPlayback(
  args: StartPlaybackArgs,
  opts?: EyesonInvokeOptions,
): Promise<StartPlaybackResult> {
  return startPlaybackFn.invoke(args, opts);
}

/**
 * Plays a public video/audio file into the meeting (side effect; convergent with a `playId`). Preview: unknown, no request. Second run: while the same `playId` plays, succeeds with `alreadyRunning: true`; without a `playId`, plays again.
 *
 * @param args - The arguments as Pulumi inputs (`StartPlaybackOutputArgs`, see {@link StartPlaybackArgs}):
 *   `accessKey`, `url`, `audio?`, `playId?`, `replacementId?`, `name?`, `loopCount?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.startPlaybackOutput({
 *   accessKey: meeting.accessKey,
 *   url: "https://media.example.com/intro.mp4",
 * });
 * ```
 */
export function startPlaybackOutput(
  args: StartPlaybackOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<StartPlaybackResult> {
  return startPlaybackFn.output(args, opts);
}

const stopPlaybackFn = defineFunction<StopPlaybackArgs, StopPlaybackResult>({
  name: "stopPlayback",
  sideEffect: true,
  converges: "withMissingOk",
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.string("playId", args.playId);
    check.boolean("missingOk", args.missingOk);
  },
  run: async (client, args) => ({
    playId: args.playId,
    stopped: await client.stopPlayback(args.accessKey, args.playId, { missingOk: args.missingOk }),
  }),
});

/**
 * Stops a playback by its `playId` (side effect; convergent with `missingOk`). Preview: rejects, use `stopPlaybackOutput`. Second run: EyesonNotFoundError, or `stopped: false` with `missingOk`.
 *
 * @param args - The arguments ({@link StopPlaybackArgs}): `playId`, `accessKey`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.stopPlayback({ playId: "intro", accessKey });
 * ```
 */
export function stopPlayback(
  args: StopPlaybackArgs,
  opts?: EyesonInvokeOptions,
): Promise<StopPlaybackResult> {
  return stopPlaybackFn.invoke(args, opts);
}

/**
 * Stops a playback by its `playId` (side effect; convergent with `missingOk`). Preview: unknown, no request. Second run: EyesonNotFoundError, or `stopped: false` with `missingOk`.
 *
 * @param args - The arguments as Pulumi inputs (`StopPlaybackOutputArgs`, see {@link StopPlaybackArgs}):
 *   `playId`, `accessKey`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.stopPlaybackOutput({ playId: "intro", accessKey: meeting.accessKey });
 * ```
 */
export function stopPlaybackOutput(
  args: StopPlaybackOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<StopPlaybackResult> {
  return stopPlaybackFn.output(args, opts);
}

const startBroadcastFn = defineFunction<StartBroadcastArgs, StartBroadcastResult>({
  name: "startBroadcast",
  sideEffect: true,
  converges: true,
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.url("streamUrl", args.streamUrl, ["rtmp:", "rtmps:"]);
    check.url("playerUrl", args.playerUrl, undefined, true);
  },
  run: async (client, { accessKey, ...broadcast }) => {
    // 406 while the meeting's one broadcast runs; the room's broadcasts say whether that is the reason.
    const alreadyRunning = await startOrConfirm(
      () => client.startBroadcast(accessKey, broadcast),
      [406],
      async () => ((await client.getRoom(accessKey)).broadcasts ?? []).length > 0,
    );
    return {
      ...(broadcast.playerUrl !== undefined ? { playerUrl: broadcast.playerUrl } : {}),
      started: true,
      alreadyRunning,
    };
  },
});

/**
 * Starts the meeting's one RTMP live stream (side effect, convergent). Preview: rejects, use `startBroadcastOutput`. Second run: while one runs, succeeds with `alreadyRunning: true`.
 *
 * @param args - The arguments ({@link StartBroadcastArgs}): `accessKey`, `streamUrl`, `playerUrl?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.startBroadcast({ accessKey, streamUrl });
 * ```
 */
export function startBroadcast(
  args: StartBroadcastArgs,
  opts?: EyesonInvokeOptions,
): Promise<StartBroadcastResult> {
  return startBroadcastFn.invoke(args, opts);
}

/**
 * Starts the meeting's one RTMP live stream (side effect, convergent). Preview: unknown, no request. Second run: while one runs, succeeds with `alreadyRunning: true`.
 *
 * @param args - The arguments as Pulumi inputs (`StartBroadcastOutputArgs`, see {@link StartBroadcastArgs}):
 *   `accessKey`, `streamUrl`, `playerUrl?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`; `config` is a `pulumi.Config`
 * const result = eyeson.startBroadcastOutput({
 *   accessKey: meeting.accessKey,
 *   streamUrl: config.requireSecret("streamUrl"),
 * });
 * ```
 */
export function startBroadcastOutput(
  args: StartBroadcastOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<StartBroadcastResult> {
  return startBroadcastFn.output(args, opts);
}

const updateBroadcastFn = defineFunction<UpdateBroadcastArgs, UpdateBroadcastResult>({
  name: "updateBroadcast",
  sideEffect: true,
  converges: true,
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.url("playerUrl", args.playerUrl);
  },
  run: async (client, args) => {
    await client.updateBroadcast(args.accessKey, { playerUrl: args.playerUrl });
    return { playerUrl: args.playerUrl };
  },
});

/**
 * Changes the broadcast's public viewer URL (side effect, convergent). Preview: rejects, use `updateBroadcastOutput`. Second run: sets the same URL again (no change).
 *
 * @param args - The arguments ({@link UpdateBroadcastArgs}): `accessKey`, `playerUrl`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.updateBroadcast({
 *   accessKey,
 *   playerUrl: "https://watch.example.com/incident",
 * });
 * ```
 */
export function updateBroadcast(
  args: UpdateBroadcastArgs,
  opts?: EyesonInvokeOptions,
): Promise<UpdateBroadcastResult> {
  return updateBroadcastFn.invoke(args, opts);
}

/**
 * Changes the broadcast's public viewer URL (side effect, convergent). Preview: unknown, no request. Second run: sets the same URL again (no change).
 *
 * @param args - The arguments as Pulumi inputs (`UpdateBroadcastOutputArgs`, see {@link UpdateBroadcastArgs}):
 *   `accessKey`, `playerUrl`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.updateBroadcastOutput({
 *   accessKey: meeting.accessKey,
 *   playerUrl: "https://watch.example.com/incident",
 * });
 * ```
 */
export function updateBroadcastOutput(
  args: UpdateBroadcastOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<UpdateBroadcastResult> {
  return updateBroadcastFn.output(args, opts);
}

const stopBroadcastFn = defineFunction<StopBroadcastArgs, StopBroadcastResult>({
  name: "stopBroadcast",
  sideEffect: true,
  converges: "withMissingOk",
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.boolean("missingOk", args.missingOk);
  },
  run: async (client, args) => ({
    stopped: await client.stopBroadcast(args.accessKey, { missingOk: args.missingOk }),
  }),
});

/**
 * Stops the broadcast (side effect; convergent with `missingOk`). Preview: rejects, use `stopBroadcastOutput`. Second run: EyesonNotFoundError, or `stopped: false` with `missingOk`.
 *
 * @param args - The arguments ({@link StopBroadcastArgs}): `accessKey`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.stopBroadcast({ accessKey });
 * ```
 */
export function stopBroadcast(
  args: StopBroadcastArgs,
  opts?: EyesonInvokeOptions,
): Promise<StopBroadcastResult> {
  return stopBroadcastFn.invoke(args, opts);
}

/**
 * Stops the broadcast (side effect; convergent with `missingOk`). Preview: unknown, no request. Second run: EyesonNotFoundError, or `stopped: false` with `missingOk`.
 *
 * @param args - The arguments as Pulumi inputs (`StopBroadcastOutputArgs`, see {@link StopBroadcastArgs}):
 *   `accessKey`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.stopBroadcastOutput({ accessKey: meeting.accessKey });
 * ```
 */
export function stopBroadcastOutput(
  args: StopBroadcastOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<StopBroadcastResult> {
  return stopBroadcastFn.output(args, opts);
}
