/**
 * Live meetings are protected: before a step that would end a meeting or stop links in use from working
 * (deleting a `Permalink`, replacing it, removing a `PermalinkHost`), the provider reads whether a meeting
 * runs in that room, and refuses the step while one does, unless `liveMeetings` is `allow`. A plan (`diff`)
 * reads the same way and warns instead, so a preview stays green. The dynamic resources and the plugin both
 * run this module, through the provider classes.
 *
 * The check is one read with the API key, `GET /permalink/ID`: its `room.started_at` is set exactly while the
 * permalink's meeting runs (`docs/api-notes.md`, "Live meetings"). It never joins the meeting, which would
 * make the provider a participant. Nothing here is secret: ids, room names and times.
 */
import type { EyesonClient } from "../client";
import { EyesonConfigError, isEyesonNotFound, type EyesonError } from "../errors";
import { optionalEnum, type Failure, type Reporter } from "../validate";
import { isUnknown } from "../values";
import { messageOf, quietError } from "./providerBase";

/** The values of `liveMeetings`: `protect` refuses a step that would end a running meeting, `allow` lets it run. */
export const LIVE_MEETINGS_MODES = ["protect", "allow"] as const;

/** What to do with a step that would end a running meeting or stop its links from working. */
export type LiveMeetings = (typeof LIVE_MEETINGS_MODES)[number];

/** The stack config key (`eyeson:liveMeetings`) and the environment variable that set `liveMeetings` for a run. */
export const LIVE_MEETINGS_SETTINGS = { config: "eyeson:liveMeetings", env: "EYESON_LIVE_MEETINGS" } as const;

/** The mode in force for one resource, and where it was set (for the messages). */
export interface LiveMeetingsPolicy {
  readonly mode: LiveMeetings;
  /** `the resource's liveMeetings input`, `EYESON_LIVE_MEETINGS`, `eyeson:liveMeetings` or `the default`. */
  readonly source: string;
}

/**
 * The mode for a resource: its own `liveMeetings` input, else `EYESON_LIVE_MEETINGS`, else the stack's
 * `eyeson:liveMeetings`, else `protect`. The environment wins over the stack config because it is the
 * one-off switch of a single run (`EYESON_LIVE_MEETINGS=allow pulumi up`), the config the standing rule.
 * Throws `EyesonConfigError` for a value other than `protect` or `allow`, so nothing is allowed by a typo.
 */
export function liveMeetingsPolicy(resource: unknown, settings: LiveMeetingsSettings): LiveMeetingsPolicy {
  const failures = settingFailures(settings);
  if (failures.length > 0) {
    throw new EyesonConfigError(failures.map((f) => `${f.property} ${f.reason}`).join("; "));
  }
  if (resource === "protect" || resource === "allow")
    return { mode: resource, source: "the resource's liveMeetings input" };
  const fromEnv = settings.env?.trim();
  if (fromEnv) return { mode: fromEnv as LiveMeetings, source: LIVE_MEETINGS_SETTINGS.env };
  const fromConfig = settings.config?.trim();
  if (fromConfig) return { mode: fromConfig as LiveMeetings, source: LIVE_MEETINGS_SETTINGS.config };
  return { mode: "protect", source: "the default" };
}

/** The run's settings as read: the stack config value and the environment variable's. */
export interface LiveMeetingsSettings {
  readonly config?: string;
  readonly env?: string;
}

/** The `check` failures of the stack config and environment settings (each must be `protect` or `allow`). */
export function settingFailures(settings: LiveMeetingsSettings): Failure[] {
  const out: Failure[] = [];
  const given: Array<[string, string | undefined]> = [
    [LIVE_MEETINGS_SETTINGS.config, settings.config],
    [LIVE_MEETINGS_SETTINGS.env, settings.env],
  ];
  for (const [property, value] of given) {
    const trimmed = value?.trim();
    if (trimmed && !(LIVE_MEETINGS_MODES as readonly string[]).includes(trimmed)) {
      const shown = trimmed.length <= 40 ? JSON.stringify(trimmed) : "a longer text";
      out.push({ property, reason: `must be "protect" or "allow", got ${shown}` });
    }
  }
  return out;
}

/** Validates a resource's `liveMeetings` input. */
export function checkLiveMeetings(failures: Reporter, value: unknown): LiveMeetings | undefined {
  return optionalEnum(failures, "liveMeetings", value, LIVE_MEETINGS_MODES);
}

/** A permalink's room as the check sees it. */
export interface RoomActivity {
  readonly permalinkId: string;
  /** The room's name in eyeson. */
  readonly name?: string;
  /** When the running meeting started (ISO 8601); undefined when no meeting runs. */
  readonly startedAt?: string;
}

/** Reads the room of `permalinkId` (1 request); undefined when the permalink is gone (eyeson's 404). */
async function readRoom(client: EyesonClient, permalinkId: string): Promise<RoomActivity | undefined> {
  try {
    const live = await client.getPermalink(permalinkId);
    const startedAt = live.room?.startedAt ?? undefined;
    return { permalinkId, name: live.room?.name, startedAt: startedAt === null ? undefined : startedAt };
  } catch (err) {
    if (isEyesonNotFound(err)) return undefined;
    throw err;
  }
}

/**
 * How long a plan's read of a room is reused by the other resources of that room in the same provider process.
 * A preview or an `up` plans all of them within seconds; each engine operation starts its own provider process.
 */
const PLAN_READ_REUSE_MS = 60_000;
const planReads = new Map<
  string,
  { readonly at: number; readonly room: Promise<RoomActivity | undefined> }
>();

/**
 * The room of `permalinkId` for a plan (`diff`): read once per room and provider process within a minute, so a
 * room with several changing resources costs one request. The `account` keeps two accounts' ids apart.
 */
function roomForPlan(
  client: EyesonClient,
  account: string | undefined,
  permalinkId: string,
): Promise<RoomActivity | undefined> {
  const key = `${account ?? ""}/${permalinkId}`;
  const now = Date.now();
  const cached = planReads.get(key);
  if (cached && now - cached.at < PLAN_READ_REUSE_MS) return cached.room;
  const room = readRoom(client, permalinkId);
  planReads.set(key, { at: now, room });
  // A failed read is not kept: the next resource tries again.
  room.catch(() => planReads.delete(key));
  return room;
}

/**
 * Reads of a room in flight for steps (`delete`): steps of one room that run at the same time (the hosts of a
 * replaced room are removed in parallel) share one read, so they agree. A later step reads again: a step
 * decides on what is true now, never on what a plan saw.
 */
const stepReads = new Map<string, Promise<RoomActivity | undefined>>();

function roomForStep(
  client: EyesonClient,
  account: string | undefined,
  permalinkId: string,
): Promise<RoomActivity | undefined> {
  const key = `${account ?? ""}/${permalinkId}`;
  const pending = stepReads.get(key);
  if (pending) return pending;
  const room = readRoom(client, permalinkId);
  stepReads.set(key, room);
  const forget = (): void => {
    stepReads.delete(key);
  };
  room.then(forget, forget);
  return room;
}

/**
 * When each room was last refused in this process, so that a room gets one full error and its other steps of
 * the same run (within the window of a plan's read) a short one.
 */
const refusedRooms = new Map<string, number>();

/** The resource's logical name (the last part of its URN), or `fallback` when the state has no URN. */
export function logicalName(urn: unknown, fallback: string): string {
  if (typeof urn !== "string" || urn === "" || isUnknown(urn)) return fallback;
  return urn.slice(urn.lastIndexOf("::") + 2) || fallback;
}

/** `09:12 UTC` for a start today (UTC), `2026-12-06 23:50 UTC` for an earlier day. */
export function sinceText(startedAt: string, now: Date = new Date()): string {
  const time = new Date(startedAt);
  if (Number.isNaN(time.getTime())) return startedAt;
  const iso = time.toISOString();
  const clock = `${iso.slice(11, 16)} UTC`;
  return iso.slice(0, 10) === now.toISOString().slice(0, 10) ? clock : `${iso.slice(0, 10)} ${clock}`;
}

/** `room "War room" (permalink 65ab…)`, the room as a user finds it in eyeson. */
function roomText(permalinkId: string, name: string | undefined): string {
  return name
    ? `room ${JSON.stringify(name)} (permalink ${permalinkId})`
    : `the room of permalink ${permalinkId}`;
}

/**
 * The outputs a `Permalink` replacement changes, named for the reviewer of a pull request: every link and
 * token of the room, and those of the hosts that go with it.
 */
const REPLACED_LINKS =
  "New guestUrl and guestToken (the guest link), hostUrl and userToken (the first host's link), permalinkId " +
  "and roomId, and a new hostUrl and userToken for each PermalinkHost of the room: the old links stop working.";

/** A step that would end a meeting or stop links of a running one from working. */
export interface GuardedStep {
  /** `permalink`: deleting the permalink (a removal, a destroy, or the first half of a replacement); `host`: removing a host. */
  readonly kind: "permalink" | "host";
  readonly permalinkId: string;
  /** The resource's URN (see `currentUrn`), for its logical name. */
  readonly urn: unknown;
  /** The host's display name (for `host`). */
  readonly hostName?: string;
  /** The room's name from the state, used when the read does not say it. */
  readonly roomName?: string;
}

/**
 * Resolves when `step` may run: `allow` is in force (no request), no meeting runs in the room, or the room is
 * gone; otherwise throws the refusal before the step has written anything. A failed read refuses too (the
 * step cannot know whether it would end a meeting), with the read's error.
 */
export async function guardStep(
  client: EyesonClient,
  account: string | undefined,
  policy: LiveMeetingsPolicy,
  step: GuardedStep,
): Promise<void> {
  if (policy.mode === "allow") return;
  const fallback = step.kind === "permalink" ? `Permalink ${step.permalinkId}` : "PermalinkHost";
  const name = logicalName(step.urn, fallback);
  let room: RoomActivity | undefined;
  try {
    room = await roomForStep(client, account, step.permalinkId);
  } catch (err) {
    throw quietError(
      `${name}: nothing was changed: whether a meeting is running in ${roomText(step.permalinkId, step.roomName)} ` +
        `could not be read (${messageOf(err)}), and this step could end it. Run again, or ${WAYS_TO_ALLOW}`,
    );
  }
  if (room?.startedAt === undefined) return;
  const where = roomText(step.permalinkId, room.name ?? step.roomName);
  const since = sinceText(room.startedAt);
  const key = `${account ?? ""}/${step.permalinkId}`;
  const earlier = refusedRooms.get(key);
  refusedRooms.set(key, Date.now());
  if (earlier !== undefined && Date.now() - earlier < PLAN_READ_REUSE_MS) {
    throw refusal(
      `${name}: refused too: a meeting has been running in ${where} since ${since}; the first error for this ` +
        "room says why and what to do.",
      name,
    );
  }
  const what =
    step.kind === "permalink"
      ? "This step deletes the permalink (a removal, a destroy, or the replacement of a changed first host): " +
        "the meeting would end and the room's guest and host links would stop working."
      : `This step removes the host ${JSON.stringify(step.hostName ?? "")} (a removal, a destroy, or the ` +
        "replacement of the host or of its room): their link would stop working, and a replaced room's meeting would end.";
  throw refusal(
    `${name}: refused: a meeting has been running in ${where} since ${since}. ${what} Nothing was changed. ` +
      `Run again after the meeting, or ${WAYS_TO_ALLOW}`,
    name,
  );
}

const WAYS_TO_ALLOW =
  "allow it for this run: `EYESON_LIVE_MEETINGS=allow pulumi up` (or `pulumi destroy`); for longer, set " +
  '`liveMeetings: "allow"` on the resource or `eyeson:liveMeetings` in the stack config.';

/**
 * The error of a refused step. The dynamic-provider host prints a failed delete's `${err}: ${err.stack}` to
 * stderr, which the engine shows once more under the stack; a short stack keeps that echo to one copy.
 */
function refusal(message: string, name: string): EyesonError {
  const err = quietError(message);
  err.stack = `${name} was not changed (see its error)`;
  return err;
}

/** What a plan found about a room it changes: whether a meeting runs (and since when), or why it could not tell. */
export interface PlannedRoom {
  readonly room?: RoomActivity;
  /** The read's error, when the room could not be read; the step reads again and refuses on its own. */
  readonly failure?: string;
}

/** Reads the room for a plan; a failed read is reported, never thrown (a preview stays green). */
export async function planRoom(
  client: EyesonClient,
  account: string | undefined,
  permalinkId: string,
): Promise<PlannedRoom> {
  try {
    return { room: await roomForPlan(client, account, permalinkId) };
  } catch (err) {
    return { failure: messageOf(err) };
  }
}

/** The preview warning of a `Permalink` replacement: always its links; with a running meeting, that it ends. */
export function replaceWarning(
  urn: unknown,
  permalinkId: string,
  planned: PlannedRoom,
  policy: LiveMeetingsPolicy,
): string {
  const name = logicalName(urn, `Permalink ${permalinkId}`);
  const startedAt = planned.room?.startedAt;
  if (startedAt !== undefined) {
    const since = sinceText(startedAt);
    const consequence =
      policy.mode === "allow"
        ? `this change will end it and replace its links (liveMeetings is allow, set by ${policy.source})`
        : "this change would end it and replace its links; `up` will refuse unless liveMeetings is allow";
    return `${name}: a meeting is running (since ${since}); ${consequence}. ${REPLACED_LINKS}`;
  }
  const unchecked =
    planned.failure !== undefined
      ? ` Whether a meeting is running could not be read (${planned.failure}); \`up\` reads it again before deleting anything.`
      : "";
  return `${name}: this change replaces the room, since the API cannot change a permalink's first host. ${REPLACED_LINKS}${unchecked}`;
}

/** The preview warning of a `PermalinkHost` replacement while a meeting runs in its room; undefined otherwise. */
export function hostReplaceWarning(
  urn: unknown,
  permalinkId: string,
  planned: PlannedRoom,
  policy: LiveMeetingsPolicy,
): string | undefined {
  const startedAt = planned.room?.startedAt;
  if (startedAt === undefined) return undefined;
  const name = logicalName(urn, "PermalinkHost");
  const where = roomText(permalinkId, planned.room?.name);
  const change = "this change removes this host and adds it again, so its link changes (hostUrl, userToken)";
  const consequence =
    policy.mode === "allow"
      ? `${change} (liveMeetings is allow, set by ${policy.source})`
      : `${change}; \`up\` will refuse unless liveMeetings is allow`;
  return `${name}: a meeting is running in ${where} since ${sinceText(startedAt)}; ${consequence}`;
}

/**
 * The warning of a removal (a `Permalink` deleted, or a `PermalinkHost` removed, by a change to the program or
 * a destroy) while a meeting runs in the room; undefined without one. The engine asks no provider about a
 * removal in a preview, so `pulumi-eyeson preflight` prints this from the plan.
 */
export function removalWarning(
  step: GuardedStep,
  planned: PlannedRoom,
  policy: LiveMeetingsPolicy,
): string | undefined {
  const startedAt = planned.room?.startedAt;
  if (startedAt === undefined) return undefined;
  const fallback = step.kind === "permalink" ? `Permalink ${step.permalinkId}` : "PermalinkHost";
  const name = logicalName(step.urn, fallback);
  const where = roomText(step.permalinkId, planned.room?.name ?? step.roomName);
  const change =
    step.kind === "permalink"
      ? "this change deletes the permalink, which would end it, and the room's guest and host links would stop working"
      : `this change removes the host ${JSON.stringify(step.hostName ?? "")}, whose link would stop working`;
  const consequence =
    policy.mode === "allow"
      ? `${change} (liveMeetings is allow, set by ${policy.source})`
      : `${change}; \`up\` and \`destroy\` will refuse unless liveMeetings is allow`;
  return `${name}: a meeting is running in ${where} since ${sinceText(startedAt)}; ${consequence}`;
}
