/**
 * Room options in the emulator: the request schema, the defaults and how an update is stored. All three
 * come from the option table the provider uses (`provider/roomOptions.ts`: name, wire name, kind, default),
 * so the emulator resets an option to exactly the default a `Permalink` sends to reset it.
 *
 * The table is plain data and pure functions that import nothing, so the emulator still runs without the
 * provider's client, errors or configuration (test/architecture.spec.ts keeps it so).
 */
import {
  CUSTOM_FIELDS,
  LAYOUT_STATE,
  ROOM_OPTIONS,
  permalinkDefault,
  type OptionSpec,
} from "../provider/roomOptions";
import type { Value } from "./decode";
import type { OptionsRecord } from "./entities";
import { invalidParameter } from "./errors";
import type { Fields, Spec } from "./params";

/** Options as accepted from a request: every key optional, already validated. */
export type OptionsInput = Partial<OptionsRecord>;

/** `audio_insert_position[x|y]`, also a parameter of the layout call. */
export const positionSpec: Spec = {
  type: "object",
  nullable: true,
  fields: { x: { type: "number", required: true }, y: { type: "number", required: true } },
};

/** The allowed values of the table's enum option or layout-state field `wire`. */
function valuesOf(wire: string): readonly string[] {
  const fields: ReadonlyArray<{ readonly wire: string; readonly values?: readonly string[] }> = [
    ...ROOM_OPTIONS,
    ...LAYOUT_STATE,
  ];
  return fields.find((field) => field.wire === wire)?.values ?? [];
}

/** The layout call's `layout`: the values of the layout state. */
export const layoutSpec: Spec = { type: "string", enum: valuesOf("layout") };

/** The layout call's `audio_insert`: the values of the room option. */
export const audioInsertSpec: Spec = { type: "string", enum: valuesOf("audio_insert") };

/** The request schema of one option, by its kind; `null` is accepted everywhere (back to the default). */
function specOf(option: OptionSpec): Spec {
  switch (option.kind) {
    case "boolean":
      return { type: "boolean", nullable: true };
    case "enum":
      return { type: "string", enum: option.values ?? [], nullable: true };
    case "url":
      return { type: "string", format: "url", nullable: true };
    case "color":
      return { type: "string", format: "color", nullable: true };
    case "string":
      return { type: "string", nullable: true };
    case "position":
      return positionSpec;
  }
}

function fieldsOf(options: readonly OptionSpec[]): Fields {
  return Object.fromEntries(options.map((option) => [option.wire, specOf(option)]));
}

/**
 * `options[custom_fields][...]`: known keys are checked, others pass through as scalars. `null` removes a
 * field (the emulator's choice: the docs do not say how a custom field is unset).
 */
export const customFieldsSpec: Spec = {
  type: "object",
  fields: fieldsOf(CUSTOM_FIELDS),
  additional: {
    type: "custom",
    nullable: true,
    parse: (value: Value, name: string) => {
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
      throw invalidParameter(name, "expected a string, number or boolean");
    },
  },
};

/**
 * `options[...]` of the room and permalink calls: every option of the table, those the API only reports
 * included (a lenient server). `null` sets an option back to its default (the emulator's choice: the docs
 * do not say how an option is unset; see `docs/api-notes.md`, "Room options").
 */
export const optionsSpec: Spec = {
  type: "object",
  fields: { ...fieldsOf(ROOM_OPTIONS), custom_fields: customFieldsSpec },
};

function defaultsOf(value: (option: OptionSpec) => boolean | string | null): OptionsRecord {
  const options = Object.fromEntries(ROOM_OPTIONS.map((option) => [option.wire, value(option)]));
  // The layout state a meeting starts with: not room options, but stored and echoed with them.
  const layout = Object.fromEntries(LAYOUT_STATE.map((field) => [field.wire, field.default]));
  return { ...options, ...layout, custom_fields: {} } as unknown as OptionsRecord;
}

/** Room options when the request gives none. */
export function roomDefaults(): OptionsRecord {
  return defaultsOf((option) => option.default);
}

/** A permalink's defaults: a room's, except where the table names a permalink's own (widescreen). */
export function permalinkDefaults(): OptionsRecord {
  return defaultsOf(permalinkDefault);
}

/** Room options: the defaults with `overrides` applied as an update (see `mergeOptions`). */
export function defaultOptions(overrides: OptionsInput = {}, defaults = roomDefaults()): OptionsRecord {
  mergeOptions(defaults, overrides, structuredClone(defaults));
  return defaults;
}

/**
 * Applies a partial options update, normalised the way a server might store it (colours in lower case, URLs
 * in their parsed form). `null` sets an option back to its default and removes a custom field; other
 * `custom_fields` are merged key by key.
 */
export function mergeOptions(target: OptionsRecord, input: OptionsInput, defaults: OptionsRecord): void {
  const { custom_fields: customFields, ...rest } = input;
  const record = target as unknown as Record<string, unknown>;
  const fallback = defaults as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    record[key] = value === null ? structuredClone(fallback[key]) : normalised(OPTION_KINDS, key, value);
  }
  if (customFields) {
    const fields: Record<string, unknown> = { ...target.custom_fields };
    for (const [key, value] of Object.entries(customFields as Record<string, unknown>)) {
      if (value === null) delete fields[key];
      else if (value !== undefined) fields[key] = normalised(CUSTOM_FIELD_KINDS, key, value);
    }
    target.custom_fields = fields as OptionsRecord["custom_fields"];
  }
}

const OPTION_KINDS = new Map<string, OptionSpec["kind"]>(ROOM_OPTIONS.map((o) => [o.wire, o.kind]));
const CUSTOM_FIELD_KINDS = new Map<string, OptionSpec["kind"]>(CUSTOM_FIELDS.map((o) => [o.wire, o.kind]));

/** A value as a server might store it: a colour in lower case, a URL in its parsed form. */
function normalised(kinds: ReadonlyMap<string, OptionSpec["kind"]>, key: string, value: unknown): unknown {
  if (typeof value !== "string") return value;
  const kind = kinds.get(key);
  if (kind === "color") return value.toLowerCase();
  if (kind === "url") {
    try {
      return new URL(value).href;
    } catch {
      return value;
    }
  }
  return value;
}
