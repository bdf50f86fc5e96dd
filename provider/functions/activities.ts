/**
 * Live-meeting functions, the tools of a virtual situation room: chat messages, image layers and the podium
 * layout (https://docs.eyeson.com/docs/rest/references/layers and the neighbouring pages; `docs/api-notes.md`,
 * "Layers, layouts, playbacks and broadcasts"). Playbacks and the broadcast are in `media.ts`.
 */
import { readFile, statSync } from "node:fs";
import { basename, extname } from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import type * as req from "../requests";
import type { ArgCheck } from "../validate";
import { defineFunction, EyesonInvokeOptions, InMeeting, InputArgs } from "./invoke";

const readFileAsync = promisify(readFile);

/** Arguments of `sendMessage`: the access key and the message (`type` and `content`). */
export interface SendMessageArgs extends InMeeting, req.SendMessageBody {}
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
export interface AddLayerArgs extends InMeeting, Omit<req.AddLayerBody, "file"> {
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
export interface SetLayoutArgs extends InMeeting, req.SetLayoutBody {}
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

const Z_INDEXES: readonly (1 | -1)[] = [1, -1];
const FITS = ["auto", "contain", "cover"] as const;
/** At most 10 custom boxes (`docs/api-notes.md`, "Layers, layouts, playbacks and broadcasts"). */
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
  sideEffect: true,
  converges: false,
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

/**
 * Posts a chat (or custom) message to the meeting (side effect, not convergent: the API keeps no messages to compare with). Preview: rejects, use `sendMessageOutput`. Second run: posts the message again; post only when it should, e.g. when `startPermalinkMeeting` reports `alreadyRunning: false`.
 *
 * @param args - The arguments ({@link SendMessageArgs}): `accessKey`, `content`, `type?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.sendMessage({ accessKey, content: "INC-1042 - room open" });
 * ```
 */
export function sendMessage(args: SendMessageArgs, opts?: EyesonInvokeOptions): Promise<SendMessageResult> {
  return sendMessageFn.invoke(args, opts);
}

/**
 * Posts a chat (or custom) message to the meeting (side effect, not convergent: the API keeps no messages to compare with). Preview: unknown, no request. Second run: posts the message again; post only when it should, e.g. when `startPermalinkMeeting` reports `alreadyRunning: false`.
 *
 * @param args - The arguments as Pulumi inputs (`SendMessageOutputArgs`, see {@link SendMessageArgs}):
 *   `accessKey`, `content`, `type?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.sendMessageOutput({
 *   accessKey: meeting.accessKey,
 *   content: "INC-1042 - room open",
 * });
 * ```
 */
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
  sideEffect: true,
  converges: true,
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

/**
 * Puts an image (URL or local file) on the foreground or background layer (side effect, convergent). Preview: rejects, use `addLayerOutput`. Second run: replaces the image on that layer.
 *
 * @param args - The arguments ({@link AddLayerArgs}): `accessKey`, `file?`, `url?`, `zIndex?`, `id?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.addLayer({
 *   accessKey,
 *   url: "https://status.example.com/dashboard.png",
 *   zIndex: -1,
 * });
 * ```
 */
export function addLayer(args: AddLayerArgs, opts?: EyesonInvokeOptions): Promise<AddLayerResult> {
  return addLayerFn.invoke(args, opts);
}

/**
 * Puts an image (URL or local file) on the foreground or background layer (side effect, convergent). Preview: unknown, no request. Second run: replaces the image on that layer.
 *
 * @param args - The arguments as Pulumi inputs (`AddLayerOutputArgs`, see {@link AddLayerArgs}): `accessKey`,
 *   `file?`, `url?`, `zIndex?`, `id?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.addLayerOutput({
 *   accessKey: meeting.accessKey,
 *   url: "https://status.example.com/dashboard.png",
 *   zIndex: -1,
 * });
 * ```
 */
export function addLayerOutput(
  args: AddLayerOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<AddLayerResult> {
  return addLayerFn.output(args, opts);
}

const removeLayerFn = defineFunction<RemoveLayerArgs, RemoveLayerResult>({
  name: "removeLayer",
  sideEffect: true,
  converges: "withMissingOk",
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

/**
 * Clears the foreground (1) or background (-1) layer (side effect; convergent with `missingOk`). Preview: rejects, use `removeLayerOutput`. Second run: EyesonNotFoundError, or `removed: false` with `missingOk`.
 *
 * @param args - The arguments ({@link RemoveLayerArgs}): `accessKey`, `zIndex?`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.removeLayer({ accessKey });
 * ```
 */
export function removeLayer(args: RemoveLayerArgs, opts?: EyesonInvokeOptions): Promise<RemoveLayerResult> {
  return removeLayerFn.invoke(args, opts);
}

/**
 * Clears the foreground (1) or background (-1) layer (side effect; convergent with `missingOk`). Preview: unknown, no request. Second run: EyesonNotFoundError, or `removed: false` with `missingOk`.
 *
 * @param args - The arguments as Pulumi inputs (`RemoveLayerOutputArgs`, see {@link RemoveLayerArgs}):
 *   `accessKey`, `zIndex?`, `missingOk?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.removeLayerOutput({ accessKey: meeting.accessKey });
 * ```
 */
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
  sideEffect: true,
  converges: true,
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

/**
 * Sets the podium layout (named, or up to 10 custom boxes) (side effect, convergent). Preview: rejects, use `setLayoutOutput`. Second run: applies the same layout again (no change).
 *
 * @param args - The arguments ({@link SetLayoutArgs}): `accessKey`, `layout?`, `name?`, `map?`, `users?`,
 *   `voiceActivation?`, `showNames?`, `audioInsert?`, `audioInsertPosition?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.setLayout({ accessKey, layout: "custom", name: "present-upper-6" });
 * ```
 */
export function setLayout(args: SetLayoutArgs, opts?: EyesonInvokeOptions): Promise<SetLayoutResult> {
  return setLayoutFn.invoke(args, opts);
}

/**
 * Sets the podium layout (named, or up to 10 custom boxes) (side effect, convergent). Preview: unknown, no request. Second run: applies the same layout again (no change).
 *
 * @param args - The arguments as Pulumi inputs (`SetLayoutOutputArgs`, see {@link SetLayoutArgs}): `accessKey`,
 *   `layout?`, `name?`, `map?`, `users?`, `voiceActivation?`, `showNames?`, `audioInsert?`,
 *   `audioInsertPosition?`.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * // `meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`
 * const result = eyeson.setLayoutOutput({
 *   accessKey: meeting.accessKey,
 *   layout: "custom",
 *   name: "present-upper-6",
 * });
 * ```
 */
export function setLayoutOutput(
  args: SetLayoutOutputArgs,
  opts?: EyesonInvokeOptions,
): pulumi.Output<SetLayoutResult> {
  return setLayoutFn.output(args, opts);
}
