/**
 * Live-meeting functions (eyeson-api.md §3.4), the tools of a virtual situation room: chat messages,
 * image layers, the podium layout, playbacks and the RTMP broadcast.
 */
import { readFile, statSync } from "node:fs";
import { basename, extname } from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import type * as api from "../types";
import { startOrConfirm } from "./converge";
import type { ArgCheck } from "../validate";
import { defineFunction, EyesonInvokeOptions, InputArgs } from "./invoke";

const readFileAsync = promisify(readFile);

/** The access key every in-meeting call needs. */
interface InMeeting {
  /** Secret: the access key of a user in the meeting (e.g. `startRoom(...).accessKey`). */
  readonly accessKey: string;
}

/** Arguments of `sendMessage`: the access key and the message (`type` and `content`). */
export interface SendMessageArgs extends InMeeting, api.SendMessageBody {}
/** `sendMessage` arguments as `pulumi.Input`s. */
export type SendMessageOutputArgs = InputArgs<SendMessageArgs>;
/** Result of `sendMessage`. */
export interface SendMessageResult {
  readonly type: "chat" | "custom";
  readonly sent: true;
}

/**
 * Arguments of `addLayer`: exactly one of `url` (a public image) and `file`, which here is a local image path
 * (the program reads it and uploads the bytes).
 */
export interface AddLayerArgs extends InMeeting, Omit<api.AddLayerBody, "file"> {
  /** Path of a PNG, JPEG, WebP or SVG file; read in the program and uploaded. */
  readonly file?: string;
}
/** `addLayer` arguments as `pulumi.Input`s. */
export type AddLayerOutputArgs = InputArgs<AddLayerArgs>;
/** Result of `addLayer`. */
export interface AddLayerResult {
  readonly zIndex: 1 | -1;
  readonly id?: string;
  readonly source: "url" | "file";
}

/** Arguments of `removeLayer`. */
export interface RemoveLayerArgs extends InMeeting {
  /** 1 = foreground (default), -1 = background. */
  readonly zIndex?: 1 | -1;
  /** Resolve with `removed: false` instead of failing when there is no such layer (404). */
  readonly missingOk?: boolean;
}
/** `removeLayer` arguments as `pulumi.Input`s. */
export type RemoveLayerOutputArgs = InputArgs<RemoveLayerArgs>;
/** Result of `removeLayer`. */
export interface RemoveLayerResult {
  readonly zIndex: 1 | -1;
  /** False when `missingOk` found no layer. */
  readonly removed: boolean;
}

/** Arguments of `setLayout`: a named layout, or custom boxes (`map`, at most 10) filled with `users`. */
export interface SetLayoutArgs extends InMeeting, api.SetLayoutBody {}
/** `setLayout` arguments as `pulumi.Input`s. */
export type SetLayoutOutputArgs = InputArgs<SetLayoutArgs>;
/** Result of `setLayout`: what was applied. */
export interface SetLayoutResult {
  readonly layout: "auto" | "custom";
  readonly name?: string;
  /** Number of custom boxes sent (0 without a `map`). */
  readonly boxes: number;
  readonly users?: readonly string[];
}

/** Arguments of `startPlayback`. */
export interface StartPlaybackArgs extends InMeeting, api.StartPlaybackBody {}
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
export interface StartBroadcastArgs extends InMeeting, api.StartBroadcastBody {}
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
export interface UpdateBroadcastArgs extends InMeeting, api.UpdateBroadcastBody {}
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

const Z_INDEXES: readonly (1 | -1)[] = [1, -1];
const FITS = ["auto", "contain", "cover"] as const;
/** eyeson-api.md §3.4: at most 10 custom boxes. */
const MAX_LAYOUT_BOXES = 10;
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
};

const sendMessageFn = defineFunction<SendMessageArgs, SendMessageResult>({
  name: "sendMessage",
  usesApiKey: false,
  sideEffect: true,
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.oneOf("type", args.type, ["chat", "custom"]);
    check.string("content", args.content);
  },
  run: async (client, args) => {
    const type = args.type ?? "chat";
    await client.sendMessage(args.accessKey, { type, content: args.content });
    return { type, sent: true };
  },
});

/** Posts a chat (or custom) message to the meeting (side effect, not convergent: the API keeps no messages to compare with). Preview: rejects, use `sendMessageOutput`. Second run: posts the message again; post only when it should, e.g. when `startPermalinkMeeting` reports `alreadyRunning: false`. */
export function sendMessage(args: SendMessageArgs, opts?: EyesonInvokeOptions): Promise<SendMessageResult> {
  return sendMessageFn.invoke(args, opts);
}

/** Posts a chat (or custom) message to the meeting (side effect, not convergent: the API keeps no messages to compare with). Preview: unknown, no request. Second run: posts the message again; post only when it should, e.g. when `startPermalinkMeeting` reports `alreadyRunning: false`. */
export function sendMessageOutput(
  args: SendMessageOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<SendMessageResult> {
  return sendMessageFn.output(args, opts);
}

function checkLayerFile(check: ArgCheck, file: string): void {
  if (!IMAGE_TYPES[extname(file).toLowerCase()])
    check.fail("file", "must be a .png, .jpg, .jpeg, .webp or .svg image");
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    check.fail("file", "does not exist or cannot be read");
  }
  if (!isFile) check.fail("file", "is not a regular file");
}

const addLayerFn = defineFunction<AddLayerArgs, AddLayerResult>({
  name: "addLayer",
  usesApiKey: false,
  sideEffect: true,
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    if ((args.url === undefined) === (args.file === undefined)) {
      check.fail("url/file", "exactly one of url (a public image) and file (a local path) must be given");
    }
    check.url("url", args.url, undefined, true);
    check.string("file", args.file, true);
    if (args.file !== undefined) checkLayerFile(check, args.file);
    check.oneOf("zIndex", args.zIndex, Z_INDEXES);
    check.string("id", args.id, true);
  },
  run: async (client, args) => {
    const zIndex = args.zIndex ?? 1;
    const common = { zIndex, ...(args.id !== undefined ? { id: args.id } : {}) };
    if (args.file !== undefined) {
      const data = await readFileAsync(args.file);
      const file = {
        data,
        filename: basename(args.file),
        contentType: IMAGE_TYPES[extname(args.file).toLowerCase()],
      };
      await client.addLayer(args.accessKey, { ...common, file });
    } else {
      await client.addLayer(args.accessKey, { ...common, url: args.url });
    }
    return { ...common, source: args.file !== undefined ? "file" : "url" };
  },
});

/** Puts an image (URL or local file) on the foreground or background layer. Preview: rejects, use `addLayerOutput`. Second run: replaces the image on that layer. */
export function addLayer(args: AddLayerArgs, opts?: EyesonInvokeOptions): Promise<AddLayerResult> {
  return addLayerFn.invoke(args, opts);
}

/** Puts an image (URL or local file) on the foreground or background layer. Preview: unknown, no request. Second run: replaces the image on that layer. */
export function addLayerOutput(
  args: AddLayerOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<AddLayerResult> {
  return addLayerFn.output(args, opts);
}

const removeLayerFn = defineFunction<RemoveLayerArgs, RemoveLayerResult>({
  name: "removeLayer",
  usesApiKey: false,
  sideEffect: true,
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.oneOf("zIndex", args.zIndex, Z_INDEXES);
    check.boolean("missingOk", args.missingOk);
  },
  run: async (client, args) => {
    const zIndex = args.zIndex ?? 1;
    return {
      zIndex,
      removed: await client.removeLayer(args.accessKey, zIndex, { missingOk: args.missingOk }),
    };
  },
});

/** Clears the foreground (1) or background (-1) layer. Preview: rejects, use `removeLayerOutput`. Second run: EyesonNotFoundError, or `removed: false` with `missingOk`. */
export function removeLayer(args: RemoveLayerArgs, opts?: EyesonInvokeOptions): Promise<RemoveLayerResult> {
  return removeLayerFn.invoke(args, opts);
}

/** Clears the foreground (1) or background (-1) layer. Preview: unknown, no request. Second run: EyesonNotFoundError, or `removed: false` with `missingOk`. */
export function removeLayerOutput(
  args: RemoveLayerOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<RemoveLayerResult> {
  return removeLayerFn.output(args, opts);
}

function checkLayoutMap(check: ArgCheck, map: unknown): void {
  if (map === undefined) return;
  if (!Array.isArray(map)) check.fail("map", "must be a list of [x, y, width, height, fit] boxes");
  if (map.length > MAX_LAYOUT_BOXES)
    check.fail("map", `has ${map.length} boxes; a layout takes at most ${MAX_LAYOUT_BOXES}`);
  map.forEach((box: unknown, i) => {
    const where = `map[${i}]`;
    if (!Array.isArray(box) || box.length !== 5) check.fail(where, "must be [x, y, width, height, fit]");
    const [x, y, width, height, fit] = box as unknown[];
    for (const [name, value, min] of [
      ["x", x, 0],
      ["y", y, 0],
      ["width", width, 1],
      ["height", height, 1],
    ] as const) {
      if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
        check.fail(
          `${where} ${name}`,
          min === 0 ? "must be a number of pixels, 0 or more" : "must be a number of pixels, 1 or more",
        );
      }
    }
    check.oneOf(`${where} fit`, fit, FITS, false);
  });
}

const setLayoutFn = defineFunction<SetLayoutArgs, SetLayoutResult>({
  name: "setLayout",
  usesApiKey: false,
  sideEffect: true,
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.oneOf("layout", args.layout, ["auto", "custom"]);
    check.string("name", args.name, true);
    checkLayoutMap(check, args.map);
    check.strings("users", args.users, true);
    check.boolean("voiceActivation", args.voiceActivation);
    check.boolean("showNames", args.showNames);
    check.oneOf("audioInsert", args.audioInsert, ["enabled", "disabled", "audio_only"]);
    if (args.audioInsertPosition !== undefined) {
      check.object("audioInsertPosition", args.audioInsertPosition);
      check.number("audioInsertPosition.x", args.audioInsertPosition.x);
      check.number("audioInsertPosition.y", args.audioInsertPosition.y);
    }
  },
  run: async (client, { accessKey, ...layout }) => {
    await client.setLayout(accessKey, layout);
    return {
      layout: layout.layout ?? "auto",
      ...(layout.name !== undefined ? { name: layout.name } : {}),
      boxes: layout.map?.length ?? 0,
      ...(layout.users !== undefined ? { users: layout.users } : {}),
    };
  },
});

/** Sets the podium layout (named, or up to 10 custom boxes). Preview: rejects, use `setLayoutOutput`. Second run: applies the same layout again (no change). */
export function setLayout(args: SetLayoutArgs, opts?: EyesonInvokeOptions): Promise<SetLayoutResult> {
  return setLayoutFn.invoke(args, opts);
}

/** Sets the podium layout (named, or up to 10 custom boxes). Preview: unknown, no request. Second run: applies the same layout again (no change). */
export function setLayoutOutput(
  args: SetLayoutOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<SetLayoutResult> {
  return setLayoutFn.output(args, opts);
}

const startPlaybackFn = defineFunction<StartPlaybackArgs, StartPlaybackResult>({
  name: "startPlayback",
  usesApiKey: false,
  sideEffect: true,
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

/** Plays a public video/audio file into the meeting (side effect; convergent with a `playId`). Preview: rejects, use `startPlaybackOutput`. Second run: while the same `playId` plays, succeeds with `alreadyRunning: true`; without a `playId`, plays again. */
export function startPlayback(
  args: StartPlaybackArgs,
  opts?: EyesonInvokeOptions,
): Promise<StartPlaybackResult> {
  return startPlaybackFn.invoke(args, opts);
}

/** Plays a public video/audio file into the meeting (side effect; convergent with a `playId`). Preview: unknown, no request. Second run: while the same `playId` plays, succeeds with `alreadyRunning: true`; without a `playId`, plays again. */
export function startPlaybackOutput(
  args: StartPlaybackOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<StartPlaybackResult> {
  return startPlaybackFn.output(args, opts);
}

const stopPlaybackFn = defineFunction<StopPlaybackArgs, StopPlaybackResult>({
  name: "stopPlayback",
  usesApiKey: false,
  sideEffect: true,
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

/** Stops a playback by its `playId`. Preview: rejects, use `stopPlaybackOutput`. Second run: EyesonNotFoundError, or `stopped: false` with `missingOk`. */
export function stopPlayback(
  args: StopPlaybackArgs,
  opts?: EyesonInvokeOptions,
): Promise<StopPlaybackResult> {
  return stopPlaybackFn.invoke(args, opts);
}

/** Stops a playback by its `playId`. Preview: unknown, no request. Second run: EyesonNotFoundError, or `stopped: false` with `missingOk`. */
export function stopPlaybackOutput(
  args: StopPlaybackOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<StopPlaybackResult> {
  return stopPlaybackFn.output(args, opts);
}

const startBroadcastFn = defineFunction<StartBroadcastArgs, StartBroadcastResult>({
  name: "startBroadcast",
  usesApiKey: false,
  sideEffect: true,
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

/** Starts the meeting's one RTMP live stream (side effect, convergent). Preview: rejects, use `startBroadcastOutput`. Second run: while one runs, succeeds with `alreadyRunning: true`. */
export function startBroadcast(
  args: StartBroadcastArgs,
  opts?: EyesonInvokeOptions,
): Promise<StartBroadcastResult> {
  return startBroadcastFn.invoke(args, opts);
}

/** Starts the meeting's one RTMP live stream (side effect, convergent). Preview: unknown, no request. Second run: while one runs, succeeds with `alreadyRunning: true`. */
export function startBroadcastOutput(
  args: StartBroadcastOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<StartBroadcastResult> {
  return startBroadcastFn.output(args, opts);
}

const updateBroadcastFn = defineFunction<UpdateBroadcastArgs, UpdateBroadcastResult>({
  name: "updateBroadcast",
  usesApiKey: false,
  sideEffect: true,
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.url("playerUrl", args.playerUrl);
  },
  run: async (client, args) => {
    await client.updateBroadcast(args.accessKey, { playerUrl: args.playerUrl });
    return { playerUrl: args.playerUrl };
  },
});

/** Changes the broadcast's public viewer URL. Preview: rejects, use `updateBroadcastOutput`. Second run: sets the same URL again (no change). */
export function updateBroadcast(
  args: UpdateBroadcastArgs,
  opts?: EyesonInvokeOptions,
): Promise<UpdateBroadcastResult> {
  return updateBroadcastFn.invoke(args, opts);
}

/** Changes the broadcast's public viewer URL. Preview: unknown, no request. Second run: sets the same URL again (no change). */
export function updateBroadcastOutput(
  args: UpdateBroadcastOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<UpdateBroadcastResult> {
  return updateBroadcastFn.output(args, opts);
}

const stopBroadcastFn = defineFunction<StopBroadcastArgs, StopBroadcastResult>({
  name: "stopBroadcast",
  usesApiKey: false,
  sideEffect: true,
  validate: (args, check) => {
    check.string("accessKey", args.accessKey);
    check.boolean("missingOk", args.missingOk);
  },
  run: async (client, args) => ({
    stopped: await client.stopBroadcast(args.accessKey, { missingOk: args.missingOk }),
  }),
});

/** Stops the broadcast. Preview: rejects, use `stopBroadcastOutput`. Second run: EyesonNotFoundError, or `stopped: false` with `missingOk`. */
export function stopBroadcast(
  args: StopBroadcastArgs,
  opts?: EyesonInvokeOptions,
): Promise<StopBroadcastResult> {
  return stopBroadcastFn.invoke(args, opts);
}

/** Stops the broadcast. Preview: unknown, no request. Second run: EyesonNotFoundError, or `stopped: false` with `missingOk`. */
export function stopBroadcastOutput(
  args: StopBroadcastOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<StopBroadcastResult> {
  return stopBroadcastFn.output(args, opts);
}
