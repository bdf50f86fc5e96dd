/**
 * The room options, described once: name, wire name, type, the API's default, what each means and how the API
 * reports it.
 *
 * Validation, the Permalink's updates (a removed option goes back to its default), drift detection, the
 * emulator's request schema and echo, and the documentation read this table; the `RoomOptions`,
 * `RoomOptionsState` and `CustomFields` types, their schema entries and the README's table are generated from it
 * (by `npm run schema`), so an option is added or changed in one place. Defaults follow eyeson's
 * room reference (https://docs.eyeson.com/docs/rest/references/room); `docs/api-notes.md` records where the
 * sources disagree and what we chose.
 */

/** How an option's value is checked and compared. */
export type OptionKind = "boolean" | "enum" | "url" | "color" | "position" | "string";

/** A named set of values with what each means: an enum of the schema and a union type of the TypeScript API. */
export interface EnumSpec {
  /** The type's name, e.g. `SfuMode`. */
  readonly name: string;
  readonly description: string;
  /** Each value and what it means, in the API's order. */
  readonly meanings: Readonly<Record<string, string>>;
}

/** One room option or custom field. */
export interface OptionSpec {
  /** The camelCase name in programs, e.g. `lockAvailable`. */
  readonly name: string;
  /** The API's snake_case name, e.g. `lock_available`. */
  readonly wire: string;
  readonly kind: OptionKind;
  /** The allowed values of an `enum`. */
  readonly values?: readonly string[];
  /** The named type of an `enum` whose values the schema describes (their keys are `values`). */
  readonly enumType?: EnumSpec;
  /**
   * What the API uses when the option is not sent, as a program value; `null` when the API documents none
   * (then "unset" is sent as `null`). A removed option is sent with this value so the server returns to it.
   */
  readonly default: boolean | string | null;
  /** What "none" means when `default` is `null`, e.g. `eyeson's placement`. */
  readonly defaultNote?: string;
  /** The permalink's default where it differs from a room's (eyeson's permalink guide: widescreen is on). */
  readonly permalinkDefault?: boolean | string | null;
  /** False for keys the API only reports (they are never sent, and a program cannot set them). */
  readonly input: boolean;
  /** What the option means, for the docs and the editor (the wire name and default are added to it). */
  readonly description: string;
  /** What the field means as the API reports it in room and permalink responses; absent when it is not echoed. */
  readonly reported?: string;
}

/** A field of the reported options that is not a room option (the meeting's layout state). */
export interface ReportedFieldSpec {
  readonly name: string;
  readonly wire: string;
  /** `stringList` and `layoutBoxes` are lists; the other kinds are those of the options. */
  readonly kind: OptionKind | "stringList" | "layoutBoxes";
  readonly values?: readonly string[];
  /** The value a meeting starts with. */
  readonly default: boolean | string | null;
  /** What the field means as the API reports it. */
  readonly reported: string;
}

/** `options[sfu_mode]`. */
export const SFU_MODE = {
  name: "SfuMode",
  description: "How media flows between participants (`options[sfu_mode]`).",
  meanings: {
    ptp: "Directly between two participants.",
    screencast: "Optimised for a shared screen.",
    disabled: "Always through eyeson's server, which renders layers and layouts.",
  },
} as const satisfies EnumSpec;

/** `options[audio_insert]`, also the layout's `audio_insert`. */
export const AUDIO_INSERT = {
  name: "AudioInsert",
  description: "When audio-only participants are drawn (`options[audio_insert]`).",
  meanings: {
    enabled: "Always.",
    disabled: "Never.",
    audio_only: "When they are not on the podium.",
  },
} as const satisfies EnumSpec;

/** `audio_insert_position`: a point on the canvas, also a parameter of the layout call. */
export const POSITION = {
  name: "Position",
  description: "A point on the 1280-wide canvas, in pixels.",
  fields: { x: "Horizontal position.", y: "Vertical position." },
} as const;

/** The room options (`options[...]` of `POST /rooms`, `POST /permalink` and `PUT /permalink/ID`). */
export const ROOM_OPTIONS = [
  {
    name: "showNames",
    wire: "show_names",
    kind: "boolean",
    default: true,
    input: true,
    description: "Show each participant's name in the video.",
    reported: "Whether names are shown in the video.",
  },
  {
    name: "showLabel",
    wire: "show_label",
    kind: "boolean",
    default: true,
    input: true,
    description: "Show the eyeson branding in the web GUI.",
    reported: "Whether the eyeson branding is shown.",
  },
  {
    name: "exitUrl",
    wire: "exit_url",
    kind: "url",
    default: null,
    input: true,
    description: "Where the GUI's exit button leads (an absolute URL).",
    reported: "Where the GUI's exit button leads, if set.",
  },
  {
    name: "recordingAvailable",
    wire: "recording_available",
    kind: "boolean",
    default: true,
    input: true,
    description: "Allow recordings; when false, starting one answers 405.",
    reported: "Whether recordings are allowed.",
  },
  {
    name: "broadcastAvailable",
    wire: "broadcast_available",
    kind: "boolean",
    default: true,
    input: true,
    description: "Allow RTMP broadcasts; when false, starting one answers 405.",
    reported: "Whether RTMP broadcasts are allowed.",
  },
  {
    name: "reactionAvailable",
    wire: "reaction_available",
    kind: "boolean",
    default: true,
    input: true,
    description: "Allow GIF reactions in the GUI.",
    reported: "Whether GIF reactions are allowed.",
  },
  {
    name: "layoutAvailable",
    wire: "layout_available",
    kind: "boolean",
    default: true,
    input: true,
    description: "Allow layout changes through the API; when false, setting a layout answers 405.",
    reported: "Whether layout changes through the API are allowed.",
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
    reported: "Whether the meeting can be locked.",
  },
  {
    name: "kickAvailable",
    wire: "kick_available",
    kind: "boolean",
    default: true,
    input: true,
    description: "Allow removing participants; when false, kicking answers 403.",
    reported: "Whether participants can be removed.",
  },
  {
    name: "suggestGuestNames",
    wire: "suggest_guest_names",
    kind: "boolean",
    default: true,
    input: false,
    description:
      "Reported by the API in room and permalink responses; not a documented input, so never sent.",
    reported: "Whether the GUI suggests guest names (reported only; not a documented input).",
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
    reported: "How media flows between participants.",
    enumType: SFU_MODE,
  },
  {
    name: "widescreen",
    wire: "widescreen",
    kind: "boolean",
    default: false,
    permalinkDefault: true,
    input: true,
    description: "16:9 at 1280×720 instead of 4:3 at 1280×960.",
    reported: "Whether the video is 16:9.",
  },
  {
    name: "backgroundColor",
    wire: "background_color",
    kind: "color",
    default: "#121212",
    input: true,
    description:
      "Background colour of the composed video, `#rrggbb` or `#rgb` (compared case-insensitively).",
    reported: "Background colour of the composed video.",
  },
  {
    name: "audioInsert",
    wire: "audio_insert",
    kind: "enum",
    values: ["enabled", "disabled", "audio_only"],
    default: "audio_only",
    input: true,
    description:
      "Audio-only participants' insert: `enabled` always, `audio_only` when not on the podium, `disabled` never.",
    enumType: AUDIO_INSERT,
  },
  {
    name: "audioInsertPosition",
    wire: "audio_insert_position",
    kind: "position",
    default: null,
    input: true,
    description: "Where the audio insert is drawn, in pixels.",
    defaultNote: "eyeson's placement",
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
    defaultNote: "the browser's language",
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
    description: "Let participants pick a local background image (seen in eyeson's PHP SDK only).",
    defaultNote: "not documented",
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

/** The meeting's layout state, reported with the options (set by the layout call, not as room options). */
export const LAYOUT_STATE = [
  {
    name: "layout",
    wire: "layout",
    kind: "enum",
    values: ["auto", "custom"],
    default: "auto",
    reported: "The current layout: `auto` or `custom`.",
  },
  {
    name: "layoutUsers",
    wire: "layout_users",
    kind: "stringList",
    default: null,
    reported: "The users placed in the layout's spots, in order.",
  },
  {
    name: "layoutName",
    wire: "layout_name",
    kind: "string",
    default: null,
    reported: "The name of the current layout, if any.",
  },
  {
    name: "layoutMap",
    wire: "layout_map",
    kind: "layoutBoxes",
    default: null,
    reported: "The custom layout's boxes, each `[x, y, width, height, fit]`.",
  },
  {
    name: "voiceActivation",
    wire: "voice_activation",
    kind: "boolean",
    default: false,
    reported: "Whether the podium follows the speaker.",
  },
] as const satisfies readonly ReportedFieldSpec[];

/** What the reported `custom_fields` mean (their keys are those of `CUSTOM_FIELDS` and any others set). */
export const REPORTED_CUSTOM_FIELDS = "The web GUI settings, as the API reports them.";

/**
 * Where eyeson's documented examples put the keys of `options` in room and permalink responses
 * (`docs/api-notes.md`, "Response objects"); `reportedKeys` adds a reported field missing here at the end.
 */
const DOCUMENTED_ORDER: readonly string[] = [
  "show_names",
  "show_label",
  "exit_url",
  "recording_available",
  "broadcast_available",
  "layout_available",
  "layout",
  "reaction_available",
  "suggest_guest_names",
  "lock_available",
  "kick_available",
  "sfu_mode",
  "layout_users",
  "layout_name",
  "layout_map",
  "voice_activation",
  "custom_fields",
  "widescreen",
  "background_color",
];

/**
 * The wire names of `options` in room and permalink responses, in the documented order: the room options with
 * a `reported` description, the layout state and `custom_fields`.
 */
export function reportedKeys(): string[] {
  const reported = [
    ...ROOM_OPTIONS.filter((o: OptionSpec) => o.reported !== undefined).map((o) => o.wire),
    ...LAYOUT_STATE.map((o) => o.wire),
    "custom_fields",
  ];
  const known = DOCUMENTED_ORDER.filter((wire) => reported.includes(wire));
  return [...known, ...reported.filter((wire) => !known.includes(wire))];
}

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
