/**
 * Meeting activities, all by access key: messages, layers, the layout, playbacks and the broadcast
 * (https://docs.eyeson.com/docs/rest/references/layers and the neighbouring pages; `docs/api-notes.md`,
 * "Layers, layouts, playbacks and broadcasts").
 */
import type {
  AddLayerBody,
  LayerFile,
  SendMessageBody,
  SetLayoutBody,
  StartBroadcastBody,
  StartPlaybackBody,
  UpdateBroadcastBody,
} from "../requests";
import { toWire } from "../http/wireCase";
import { json, type Endpoint, type MultipartField, type RequestBody } from "./endpoint";

/** The activity endpoints, by client method. */
export const ACTIVITY_ENDPOINTS = {
  sendMessage: {
    method: "POST",
    path: "/rooms/{accessKey}/messages",
    auth: "access_key",
    // The API requires a type; chat is what a caller who names none means.
    body: (args: SendMessageBody) => json({ type: args.type ?? "chat", content: args.content }),
    answer: "nothing",
  },
  addLayer: {
    method: "POST",
    path: "/rooms/{accessKey}/layers",
    auth: "access_key",
    body: layerBody,
    answer: "nothing",
  },
  removeLayer: {
    method: "DELETE",
    path: "/rooms/{accessKey}/layers/{index}",
    auth: "access_key",
    answer: "deleted",
    missingOk: [404, 410],
  },
  setLayout: {
    method: "POST",
    path: "/rooms/{accessKey}/layout",
    auth: "access_key",
    // `map` boxes stay JSON tuples: `toWire` maps arrays element-wise.
    body: (args: SetLayoutBody) => json(toWire(args)),
    answer: "nothing",
  },
  startPlayback: {
    method: "POST",
    path: "/rooms/{accessKey}/playbacks",
    auth: "access_key",
    // Flat keys (`url`, `play_id`…), the current form; the legacy `playback[...]` wrapper is not sent.
    body: (args: StartPlaybackBody) => json(toWire(args)),
    answer: "nothing",
  },
  stopPlayback: {
    method: "DELETE",
    path: "/rooms/{accessKey}/playbacks/{playId}",
    auth: "access_key",
    answer: "deleted",
    missingOk: [404, 410],
  },
  startBroadcast: {
    method: "POST",
    path: "/rooms/{accessKey}/broadcasts",
    auth: "access_key",
    body: (args: StartBroadcastBody) => json(toWire(args)),
    answer: "nothing",
  },
  updateBroadcast: {
    method: "PUT",
    path: "/rooms/{accessKey}/broadcasts",
    auth: "access_key",
    body: (args: UpdateBroadcastBody) => json(toWire(args)),
    answer: "nothing",
  },
  stopBroadcast: {
    method: "DELETE",
    path: "/rooms/{accessKey}/broadcasts",
    auth: "access_key",
    answer: "deleted",
    missingOk: [404, 410],
  },
} as const satisfies Record<string, Endpoint<never>>;

/**
 * A layer by URL (JSON) or as an uploaded file (multipart). The key is `z-index`, with a hyphen, and its
 * values are "1" and "-1". Throws a `TypeError` unless exactly one of `url` and `file` is given.
 */
function layerBody(args: AddLayerBody): RequestBody {
  if ((args.url === undefined) === (args.file === undefined)) {
    throw new TypeError("eyeson client: addLayer needs exactly one of url and file");
  }
  const zIndex = args.zIndex === undefined ? undefined : String(args.zIndex);
  if (args.file === undefined) return json({ url: args.url, "z-index": zIndex, id: args.id });
  const fields: MultipartField[] = [{ name: "file", file: layerFile(args.file) }];
  if (zIndex !== undefined) fields.push({ name: "z-index", value: zIndex });
  if (args.id !== undefined) fields.push({ name: "id", value: args.id });
  return { multipart: fields };
}

/** The upload's bytes with a content type and file name: the caller's, else sniffed from the bytes. */
function layerFile(file: LayerFile): { data: Uint8Array; type: string; filename: string } {
  const sniffed = sniffImageType(file.data);
  return {
    data: file.data,
    type: file.contentType ?? sniffed.type,
    filename: file.filename ?? `layer.${sniffed.ext}`,
  };
}

/** PNG, JPEG, WebP or SVG by the first bytes; anything else is sent as octet-stream for eyeson to refuse. */
function sniffImageType(data: Uint8Array): { type: string; ext: string } {
  const head = Buffer.from(data.subarray(0, 16));
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { type: "image/png", ext: "png" };
  }
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { type: "image/jpeg", ext: "jpg" };
  if (head.toString("latin1", 0, 4) === "RIFF" && head.toString("latin1", 8, 12) === "WEBP") {
    return { type: "image/webp", ext: "webp" };
  }
  const text = head.toString("utf8").trimStart();
  if (text.startsWith("<svg") || text.startsWith("<?xml")) return { type: "image/svg+xml", ext: "svg" };
  return { type: "application/octet-stream", ext: "bin" };
}
