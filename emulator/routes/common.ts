/** Parameter schemas and helpers shared by several route modules. */
import type { Value } from "../decode";
import type { MeetingRecord, AccessKeyRecord } from "../entities";
import { invalidParameter, missingParameter } from "../errors";
import type { RequestContext } from "../http";
import type { Fields, Spec } from "../params";
import type { UserInputValue } from "../store";

const nullableBool: Spec = { type: "boolean", nullable: true };

/** `user[...]` of `POST /rooms`, `POST /permalink` and `POST /permalink/ID/users`. */
export const userSpec: Spec = {
  type: "object",
  fields: {
    name: { type: "string", required: true, nonEmpty: true },
    id: { type: "string", nonEmpty: true },
    avatar: { type: "string", format: "url" },
  },
};

/**
 * `options[custom_fields][...]`: known keys are checked, others pass through as scalars. `null` removes a
 * field (the emulator's choice: the docs do not say how a custom field is unset).
 */
export const customFieldsSpec: Spec = {
  type: "object",
  fields: {
    locale: { type: "string", enum: ["en", "de", "fr"], nullable: true },
    logo: { type: "string", format: "url", nullable: true },
    hide_chat: nullableBool,
    virtual_background: nullableBool,
    virtual_background_allow_guest: nullableBool,
    virtual_background_image: { type: "string", format: "url", nullable: true },
    virtual_background_allow_local_image: nullableBool,
    iframe_postmessage_origin: { type: "string", nullable: true },
  },
  additional: {
    type: "custom",
    nullable: true,
    parse: (value: Value, name: string) => {
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
      throw invalidParameter(name, "expected a string, number or boolean");
    },
  },
};

/** `audio_insert_position[x|y]`. */
export const positionSpec: Spec = {
  type: "object",
  nullable: true,
  fields: { x: { type: "number", required: true }, y: { type: "number", required: true } },
};

/**
 * `options[...]` of the room and permalink calls (§3.1). `null` sets an option back to its default (the
 * emulator's choice: the docs do not say how an option is unset; see README).
 */
export const optionsSpec: Spec = {
  type: "object",
  fields: {
    show_names: nullableBool,
    show_label: nullableBool,
    exit_url: { type: "string", format: "url", nullable: true },
    recording_available: nullableBool,
    broadcast_available: nullableBool,
    reaction_available: nullableBool,
    layout_available: nullableBool,
    guest_token_available: nullableBool,
    lock_available: nullableBool,
    kick_available: nullableBool,
    suggest_guest_names: nullableBool,
    sfu_mode: { type: "string", enum: ["ptp", "screencast", "disabled"], nullable: true },
    widescreen: nullableBool,
    background_color: { type: "string", format: "color", nullable: true },
    audio_insert: { type: "string", enum: ["enabled", "disabled", "audio_only"], nullable: true },
    audio_insert_position: positionSpec,
    custom_fields: customFieldsSpec,
  },
};

/** The body of an endpoint that takes none: any key is unknown. */
export const NO_PARAMS: Fields = {};

/** Reads a required `user` object; a missing one is reported as `user[name]` like the docs name it. */
export function requireUser(user: UserInputValue | undefined): UserInputValue {
  if (!user) throw missingParameter("user[name]");
  return user;
}

/** Resolves the `:accessKey` path parameter (404 unknown, 410 ended) and marks the request as access-key auth. */
export function accessKeyAuth(ctx: RequestContext): { record: AccessKeyRecord; meeting: MeetingRecord } {
  ctx.auth = "access_key";
  return ctx.store.resolveAccessKey(ctx.params.accessKey);
}

/** `z-index` of the layer calls: "1" (foreground) or "-1" (background). */
export function parseZIndex(value: Value, name: string): 1 | -1 {
  if (value === 1 || value === "1") return 1;
  if (value === -1 || value === "-1") return -1;
  throw invalidParameter(name, "expected 1 or -1");
}
