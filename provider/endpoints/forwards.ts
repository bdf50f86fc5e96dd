/**
 * Forwarding streams to a WHIP endpoint: one participant, the composed meeting, or a playback; by API key
 * and room id (https://docs.eyeson.com/docs/rest/references/forward; `docs/api-notes.md`, "Forwards").
 */
import type { ForwardBody } from "../requests";
import { toWire } from "../http/wireCase";
import { json, type Endpoint, type RequestBody } from "./endpoint";

/** The body of the three forward calls: `type` goes as one string, "audio", "video" or "audio,video". */
function forwardBody(args: ForwardBody): RequestBody {
  return json(toWire({ ...args, type: args.type.join(",") }));
}

/** The forward endpoints, by client method. */
export const FORWARD_ENDPOINTS = {
  forwardSource: {
    method: "POST",
    path: "/rooms/{roomId}/forward/source",
    auth: "api_key",
    body: forwardBody,
    answer: "nothing",
  },
  forwardMcu: {
    method: "POST",
    path: "/rooms/{roomId}/forward/mcu",
    auth: "api_key",
    body: forwardBody,
    answer: "nothing",
  },
  forwardPlayback: {
    method: "POST",
    path: "/rooms/{roomId}/forward/playback",
    auth: "api_key",
    body: forwardBody,
    answer: "nothing",
  },
  stopForward: {
    method: "DELETE",
    path: "/rooms/{roomId}/forward/{forwardId}",
    auth: "api_key",
    answer: "deleted",
    missingOk: [404],
  },
} as const satisfies Record<string, Endpoint<never>>;
