/**
 * The room options, described once: name, wire name, type, the API's default and what each means.
 *
 * Validation, the Permalink's updates (a removed option goes back to its default), drift detection and the
 * documentation read this table, so an option is added or changed in one place. Defaults follow eyeson's
 * room reference (https://docs.eyeson.com/docs/rest/references/room); `docs/api-notes.md` records where the
 * sources disagree and what we chose.
 */

/** How an option's value is checked and compared. */
export type OptionKind = "boolean" | "enum" | "url" | "color" | "position" | "string";

/** One room option or custom field. */
export interface OptionSpec {
  /** The camelCase name in programs, e.g. `lockAvailable`. */
  readonly name: string;
  /** The API's snake_case name, e.g. `lock_available`. */
  readonly wire: string;
  readonly kind: OptionKind;
  /** The allowed values of an `enum`. */
  readonly values?: readonly string[];
  /**
   * What the API uses when the option is not sent, as a program value; `null` when the API documents none
   * (then "unset" is sent as `null`). A removed option is sent with this value so the server returns to it.
   */
  readonly default: boolean | string | null;
  /** The permalink's default where it differs from a room's (eyeson's permalink guide: widescreen is on). */
  readonly permalinkDefault?: boolean | string | null;
  /** False for keys the API only reports (they are never sent, and a program cannot set them). */
  readonly input: boolean;
  /** One sentence for the docs and the editor. */
  readonly description: string;
}

/** The room options (`options[...]` of `POST /rooms`, `POST /permalink` and `PUT /permalink/ID`). */
export const ROOM_OPTIONS = [
  {
    name: "showNames",
    wire: "show_names",
    kind: "boolean",
    default: true,
    input: true,
    description: "Show each participant's name in the video.",
  },
  {
    name: "showLabel",
    wire: "show_label",
    kind: "boolean",
    default: true,
    input: true,
    description: "Show the eyeson branding in the web GUI.",
  },
  {
    name: "exitUrl",
    wire: "exit_url",
    kind: "url",
    default: null,
    input: true,
    description: "Where the GUI's exit button leads.",
  },
  {
    name: "recordingAvailable",
    wire: "recording_available",
    kind: "boolean",
    default: true,
    input: true,
    description: "Allow recordings; when false, starting one answers 405.",
  },
  {
    name: "broadcastAvailable",
    wire: "broadcast_available",
    kind: "boolean",
    default: true,
    input: true,
    description: "Allow RTMP broadcasts; when false, starting one answers 405.",
  },
  {
    name: "reactionAvailable",
    wire: "reaction_available",
    kind: "boolean",
    default: true,
    input: true,
    description: "Allow GIF reactions in the GUI.",
  },
  {
    name: "layoutAvailable",
    wire: "layout_available",
    kind: "boolean",
    default: true,
    input: true,
    description: "Allow layout changes through the API; when false, setting a layout answers 405.",
  },
  {
    name: "guestTokenAvailable",
    wire: "guest_token_available",
    kind: "boolean",
    default: true,
    input: true,
    description: "Issue a guest token, so guests can join.",
  },
  {
    name: "lockAvailable",
    wire: "lock_available",
    kind: "boolean",
    default: false,
    input: true,
    description: "Allow locking the meeting; when false, locking answers 403.",
  },
  {
    name: "kickAvailable",
    wire: "kick_available",
    kind: "boolean",
    default: true,
    input: true,
    description: "Allow removing participants; when false, kicking answers 403.",
  },
  {
    name: "suggestGuestNames",
    wire: "suggest_guest_names",
    kind: "boolean",
    default: true,
    input: false,
    description:
      "Reported by the API in room and permalink responses; not a documented input, so never sent.",
  },
  {
    name: "sfuMode",
    wire: "sfu_mode",
    kind: "enum",
    values: ["ptp", "screencast", "disabled"],
    default: "ptp",
    input: true,
    description:
      "`ptp` streams directly between two participants; layers and layouts are only rendered with `disabled`.",
  },
  {
    name: "widescreen",
    wire: "widescreen",
    kind: "boolean",
    default: false,
    permalinkDefault: true,
    input: true,
    description: "16:9 at 1280×720 instead of 4:3 at 1280×960 (on by default for permalinks, off for rooms).",
  },
  {
    name: "backgroundColor",
    wire: "background_color",
    kind: "color",
    default: "#121212",
    input: true,
    description: "Background colour of the composed video, as #rrggbb or #rgb.",
  },
  {
    name: "audioInsert",
    wire: "audio_insert",
    kind: "enum",
    values: ["enabled", "disabled", "audio_only"],
    default: "audio_only",
    input: true,
    description:
      "Audio-only participants' insert: `enabled` always, `audio_only` only when they are not on the podium, `disabled` never.",
  },
  {
    name: "audioInsertPosition",
    wire: "audio_insert_position",
    kind: "position",
    default: null,
    input: true,
    description: "Where the audio insert is drawn, `{ x, y }` in pixels.",
  },
] as const satisfies readonly OptionSpec[];

/** The documented custom fields (`options[custom_fields][...]`); other keys pass through unchecked. */
export const CUSTOM_FIELDS = [
  {
    name: "locale",
    wire: "locale",
    kind: "enum",
    values: ["en", "de", "fr"],
    default: null,
    input: true,
    description: "Language of the web GUI.",
  },
  {
    name: "logo",
    wire: "logo",
    kind: "url",
    default: null,
    input: true,
    description: "URL of a logo shown in the web GUI.",
  },
  {
    name: "hideChat",
    wire: "hide_chat",
    kind: "boolean",
    default: false,
    input: true,
    description: "Hide the chat in the web GUI.",
  },
  {
    name: "virtualBackground",
    wire: "virtual_background",
    kind: "boolean",
    default: false,
    input: true,
    description: "Offer virtual backgrounds in the web GUI.",
  },
  {
    name: "virtualBackgroundAllowGuest",
    wire: "virtual_background_allow_guest",
    kind: "boolean",
    default: false,
    input: true,
    description: "Offer virtual backgrounds to guests too.",
  },
  {
    name: "virtualBackgroundImage",
    wire: "virtual_background_image",
    kind: "url",
    default: null,
    input: true,
    description: "URL of the default virtual background image.",
  },
  {
    name: "virtualBackgroundAllowLocalImage",
    wire: "virtual_background_allow_local_image",
    kind: "boolean",
    default: null,
    input: true,
    description: "Let participants pick a local image as virtual background (seen in eyeson's PHP SDK only).",
  },
  {
    name: "iframePostmessageOrigin",
    wire: "iframe_postmessage_origin",
    kind: "string",
    default: null,
    input: true,
    description:
      "Origin allowed to exchange postMessage events with an embedded GUI (seen in eyeson's PHP SDK only).",
  },
] as const satisfies readonly OptionSpec[];

/** The room options a program can set, by name. */
export const INPUT_ROOM_OPTIONS: readonly OptionSpec[] = ROOM_OPTIONS.filter((o: OptionSpec) => o.input);

/** Names of the room options a program can set, plus `customFields`. */
export const ROOM_OPTION_KEYS: readonly string[] = [...INPUT_ROOM_OPTIONS.map((o) => o.name), "customFields"];

/** Names of the documented custom fields (`customFields`); other keys pass through. */
export const CUSTOM_FIELD_NAMES: readonly string[] = CUSTOM_FIELDS.map((o: OptionSpec) => o.name);

const BY_NAME = new Map<string, OptionSpec>(ROOM_OPTIONS.map((o) => [o.name, o]));
const CUSTOM_BY_NAME = new Map<string, OptionSpec>(CUSTOM_FIELDS.map((o) => [o.name, o]));

/** The spec of room option `name`, if it is one. */
export function roomOption(name: string): OptionSpec | undefined {
  return BY_NAME.get(name);
}

/** The spec of custom field `name`, if it is a documented one. */
export function customField(name: string): OptionSpec | undefined {
  return CUSTOM_BY_NAME.get(name);
}

/** The value a permalink returns to when option `spec` is removed from the program. */
export function permalinkDefault(spec: OptionSpec): boolean | string | null {
  return spec.permalinkDefault !== undefined ? spec.permalinkDefault : spec.default;
}

/**
 * True when the server's `live` value means the same as the declared one: colours compare case-insensitively
 * (#abc is #aabbcc), URLs by their parsed form, positions by coordinates. Everything else compares as is.
 */
export function sameOptionValue(kind: OptionKind, declared: unknown, live: unknown): boolean {
  if (declared === live) return true;
  if (typeof declared !== "string" || typeof live !== "string") {
    if (kind === "position" && isPoint(declared) && isPoint(live))
      return declared.x === live.x && declared.y === live.y;
    return false;
  }
  if (kind === "color") return expandColor(declared) === expandColor(live);
  if (kind === "url") return parsedUrl(declared) === parsedUrl(live);
  return false;
}

function isPoint(value: unknown): value is { x: unknown; y: unknown } {
  return typeof value === "object" && value !== null && "x" in value && "y" in value;
}

function expandColor(color: string): string {
  const hex = color.trim().toLowerCase();
  return /^#[0-9a-f]{3}$/.test(hex) ? `#${[...hex.slice(1)].map((c) => c + c).join("")}` : hex;
}

function parsedUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
