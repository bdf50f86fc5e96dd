/**
 * How a `Permalink`'s state maps to the API's permalink object and back: its inputs and outputs, the update
 * body that sends a removed option back to its default, the outputs of an answer (the server's values on a
 * refresh, compared by meaning), and reading any state shape written so far.
 */
import { customField, permalinkDefault, roomOption, sameOptionValue } from "../roomOptions";
import type { Permalink as ApiPermalink, RoomOptions, UserInput } from "../types";
import type { UpdatePermalinkBody } from "../requests";
import { inputsIn } from "./declare";
import { PERMALINK } from "./declarations";
import type { PermalinkInputs, PermalinkOutputs } from "./declaredTypes";
import { canonicalTimestamp, compact, deepEqual, differs, isRecord, isUnknown } from "../values";
import { STATE_VERSION } from "./providerBase";

export type { PermalinkInputs, PermalinkOutputs } from "./declaredTypes";

/** The body of `PUT /permalink/ID` for `news`: removed options go back to their defaults, a removed expiry is cleared. */
export function updateArgs(
  news: PermalinkInputs,
  currentExpiry: string | undefined,
  oldOptions: RoomOptions | undefined,
): UpdatePermalinkBody {
  // A removed expiry is cleared with null; an absent name keeps the server's value.
  const expiresAt = news.expiresAt ?? (currentExpiry !== undefined ? null : undefined);
  const options = withRemovedOptionsReset(oldOptions, news.options);
  return compact({ name: news.name, expiresAt, options });
}

/**
 * The declared options plus, for every option (and custom field) declared before but not now, the API's
 * default, so the server drops what the program dropped. `PUT /permalink` changes only the keys it is sent.
 */
function withRemovedOptionsReset(
  old: RoomOptions | undefined,
  news: RoomOptions | undefined,
): RoomOptions | undefined {
  if (!isRecord(old)) return news;
  const out: Record<string, unknown> = { ...news };
  for (const key of Object.keys(old)) {
    if (key === "customFields" || out[key] !== undefined) continue;
    const spec = roomOption(key);
    if (spec?.input) out[key] = permalinkDefault(spec);
  }
  const oldFields = isRecord(old.customFields) ? old.customFields : {};
  const fields: Record<string, unknown> = { ...news?.customFields };
  let resetAny = false;
  for (const key of Object.keys(oldFields)) {
    if (fields[key] !== undefined) continue;
    fields[key] = customField(key)?.default ?? null;
    resetAny = true;
  }
  if (resetAny) out.customFields = fields;
  return Object.keys(out).length === 0 ? news : (out as RoomOptions);
}

/**
 * Outputs from declared inputs and an API answer. After create/update the declared values are kept (they
 * were just sent); on refresh the server's values replace them, so drift shows and the next `up` repairs it.
 */
export function outputsOf(
  declared: PermalinkOutputs,
  live: ApiPermalink,
  account: string | undefined,
  mode: { refresh?: boolean } = {},
): PermalinkOutputs {
  const info = live.permalink;
  const serverExpiry = canonicalTimestamp(info?.expiresAt);
  return compact({
    stateVersion: STATE_VERSION,
    account: account ?? declared.account,
    name: mode.refresh ? (live.room?.name ?? declared.name) : (declared.name ?? live.room?.name),
    user: declared.user,
    expiresAt: mode.refresh
      ? refreshedExpiry(declared.expiresAt, serverExpiry)
      : (declared.expiresAt ?? serverExpiry),
    options: mode.refresh ? refreshOptions(declared.options, live.options) : declared.options,
    adoptId: declared.adoptId,
    createKey: declared.createKey,
    liveMeetings: declared.liveMeetings,
    permalinkId: info?.id ?? declared.permalinkId,
    userId: live.user?.id ?? declared.userId ?? declared.user?.id,
    roomId: live.room?.id ?? declared.roomId,
    createdAt: info?.createdAt ?? declared.createdAt,
    started: live.room ? live.room.startedAt !== null && live.room.startedAt !== undefined : declared.started,
    userToken: info?.userToken ?? declared.userToken,
    guestToken: info?.guestToken ?? declared.guestToken,
    hostUrl: live.links?.gui ?? declared.hostUrl,
    guestUrl: live.links?.guestJoin ?? declared.guestUrl,
  });
}

/**
 * The declared options with the server's value for each declared key it reports. A server value that means
 * the same (see `sameOptionValue`) keeps the declared spelling, so normalisation is never drift.
 */
function refreshOptions(declared: RoomOptions | undefined, live: unknown): RoomOptions | undefined {
  if (!declared || !isRecord(live)) return declared;
  const out: Record<string, unknown> = { ...declared };
  for (const key of Object.keys(declared)) {
    if (key === "customFields" || live[key] === undefined) continue;
    const kind = roomOption(key)?.kind ?? "string";
    if (!sameOptionValue(kind, out[key], live[key])) out[key] = live[key] ?? undefined;
  }
  const fields = declared.customFields;
  const liveFields = live.customFields;
  if (fields && isRecord(liveFields)) {
    const merged: Record<string, unknown> = { ...fields };
    for (const key of Object.keys(fields)) {
      if (liveFields[key] === undefined) continue;
      const kind = customField(key)?.kind ?? "string";
      if (!sameOptionValue(kind, merged[key], liveFields[key])) merged[key] = liveFields[key] ?? undefined;
    }
    out.customFields = merged;
  }
  return compact(out) as RoomOptions;
}

/** The server's expiry, unless it is the declared instant written another way. */
function refreshedExpiry(declared: string | undefined, server: string | undefined): string | undefined {
  if (declared !== undefined && server !== undefined && Date.parse(declared) === Date.parse(server))
    return declared;
  return server;
}

/** Whether the declared options differ from the state's, an empty object counting as none. */
export function optionsDiffer(old: RoomOptions | undefined, news: RoomOptions | undefined): boolean {
  return differs(emptyToUndefined(old), emptyToUndefined(news));
}

/** The inputs a refresh reports: the outputs' input fields. */
export function inputsOf(outs: PermalinkOutputs): PermalinkInputs {
  return inputsIn(PERMALINK, outs);
}

function emptyToUndefined(options: RoomOptions | undefined): RoomOptions | undefined {
  return options && !isUnknown(options) && deepEqual(options, {}) ? undefined : options;
}

/**
 * Reads any state shape this provider has written. Version 1 (marked `stateVersion: 1`) is the only one so
 * far; a missing marker or field is read as absent, and unknown extra fields are ignored.
 */
export function readState(props: PermalinkOutputs | undefined): PermalinkOutputs {
  const state = isRecord(props) ? props : ({} as Partial<PermalinkOutputs>);
  const user = isRecord(state.user) ? (state.user as UserInput) : { name: "" };
  return { ...state, user };
}
