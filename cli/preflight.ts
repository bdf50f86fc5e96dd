/**
 * `pulumi-eyeson preflight`: reads the plan of `pulumi preview --json` and checks, before `pulumi up`, every room
 * the plan would end a meeting in or change the links of. Two things a preview cannot do: the engine calls no
 * provider for a resource it deletes, so a removal has no preview warning; and `up` refuses room by room, at that
 * room's step, so other rooms and the webhook of a multi-room stack may be written first. Preflight reads each
 * affected room once (read-only, the API key, `GET /permalink/ID`), prints one line per room, and exits 1 when a
 * meeting runs in a room whose `liveMeetings` is `protect`: a pipeline stops before anything is written.
 * The check and its messages are `provider/resources/liveMeetings.ts`'s, as `up` runs them.
 */
import * as fs from "node:fs";
import type { EyesonClient } from "../provider/client";
import { resolveSettings } from "../provider/config";
import { accountFingerprint } from "../provider/credentials";
import {
  LIVE_MEETINGS_SETTINGS,
  hostReplaceWarning,
  liveMeetingsPolicy,
  logicalName,
  planRoom,
  removalWarning,
  replaceWarning,
  type GuardedStep,
  type LiveMeetingsPolicy,
  type PlannedRoom,
} from "../provider/resources/liveMeetings";
import { PERMALINK_TYPE } from "../provider/resources/permalink";
import { HOST_TYPE } from "../provider/resources/permalinkHost";
import { formatFlag, HELP, parseFlags, runCommand, withAccount } from "./command";
import { EXIT, UsageError, type CommandIo, type ExitCode } from "./io";

/** The usage text of `preflight`. */
export const PREFLIGHT_USAGE = `Usage: pulumi preview --json | pulumi-eyeson preflight [options]
       pulumi-eyeson preflight --plan plan.json [options]
       pulumi destroy --preview-only --json | pulumi-eyeson preflight [options]

Reads the plan of \`pulumi preview --json\` and, for every room the plan deletes or replaces (a Permalink removed,
destroyed or replaced, a PermalinkHost removed or replaced), reads once whether a meeting is running in it
(read-only, with the API key). Prints one line per room with a running meeting, and one for each replaced room
(its links change). Exits 1 when a meeting runs in a room whose liveMeetings is protect (the resource's input,
else EYESON_LIVE_MEETINGS, else the plan's eyeson:liveMeetings, else protect): \`pulumi up\` would refuse it.

Options:
  --plan <file>        the plan (default: read from stdin)
  --format <name>      text (default) or json
  --endpoint <url>     API endpoint (default: EYESON_API_ENDPOINT, else the plan's eyeson:endpoint)
  --api-key <key>      API key (default: EYESON_API_KEY; prefer the variable, it stays out of shell history)
  --help               show this help`;

/** The output formats of `preflight`. */
export const PREFLIGHT_FORMATS = ["text", "json"] as const;

/** Parsed `preflight` options. */
export interface PreflightOptions {
  /** The plan file; undefined reads stdin. */
  readonly plan?: string;
  readonly format: (typeof PREFLIGHT_FORMATS)[number];
  readonly apiKey?: string;
  readonly endpoint?: string;
  readonly help: boolean;
}

/** Parses `preflight`'s arguments; throws `UsageError` on bad input. */
export function parsePreflightArgs(argv: readonly string[]): PreflightOptions {
  const flags = parseFlags(argv, { values: ["--plan", "--format", "--endpoint", "--api-key"], switches: [] });
  return {
    plan: flags.values.get("--plan"),
    format: formatFlag(flags, PREFLIGHT_FORMATS),
    apiKey: flags.values.get("--api-key"),
    endpoint: flags.values.get("--endpoint"),
    help: flags.switches.has("--help"),
  };
}

/** A resource's state in a step of `pulumi preview --json`, as far as preflight reads it. */
interface PlanState {
  readonly type?: string;
  readonly inputs?: Record<string, unknown>;
  readonly outputs?: Record<string, unknown>;
  readonly retainOnDelete?: boolean;
}

/** One step of the plan. */
interface PlanStep {
  readonly op?: string;
  readonly urn?: string;
  readonly oldState?: PlanState;
  readonly newState?: PlanState;
}

/** The parts of `pulumi preview --json` preflight reads. */
interface Plan {
  readonly config?: Record<string, unknown>;
  readonly steps: readonly PlanStep[];
}

/** The ops of a step that deletes the old resource: a removal or destroy, or a replacement (any of its parts). */
const DELETING_OPS = new Set(["delete", "replace", "create-replacement", "delete-replaced"]);
const REPLACING_OPS = new Set(["replace", "create-replacement", "delete-replaced"]);

/** The resource types preflight checks: the dynamic resources' and the plugin's. */
const ROOM_TYPES: Readonly<Record<string, GuardedStep["kind"]>> = {
  [PERMALINK_TYPE]: "permalink",
  "eyeson:index:Permalink": "permalink",
  [HOST_TYPE]: "host",
  "eyeson:index:PermalinkHost": "host",
};

/** Reads a plan's text; throws `UsageError` when it is not the JSON of `pulumi preview --json`. */
export function parsePlan(text: string): Plan {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError("The plan is not JSON: give the output of `pulumi preview --json`");
  }
  const steps = (parsed as { steps?: unknown } | null)?.steps;
  if (typeof parsed !== "object" || parsed === null || !Array.isArray(steps)) {
    throw new UsageError("The plan has no steps: give the output of `pulumi preview --json`");
  }
  return parsed as Plan;
}

/** A step of the plan that ends a meeting or changes links in a room, as the provider's check sees it. */
export interface AffectedStep extends GuardedStep {
  readonly op: string;
  readonly replace: boolean;
  /** The resource's `liveMeetings` input in the plan, if set. */
  readonly liveMeetings?: unknown;
  /** The fingerprint of the account the state says the resource was created with (`account`), if recorded. */
  readonly account?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && value !== "[secret]" ? value : undefined;
}

/**
 * The steps of `plan` that delete or replace a `Permalink` or remove a `PermalinkHost`, one per resource (a
 * replacement's parts count once). A resource with `retainOnDelete` is left in eyeson, so it is not one.
 */
export function affectedSteps(plan: Plan): AffectedStep[] {
  const seen = new Set<string>();
  const out: AffectedStep[] = [];
  for (const step of plan.steps) {
    const op = step.op ?? "";
    const old = step.oldState;
    const kind = ROOM_TYPES[old?.type ?? ""];
    if (!DELETING_OPS.has(op) || kind === undefined || old === undefined) continue;
    const replace = REPLACING_OPS.has(op);
    if (!replace && old.retainOnDelete === true) continue;
    const permalinkId = text(old.outputs?.permalinkId) ?? text(old.inputs?.permalinkId);
    if (permalinkId === undefined || step.urn === undefined || seen.has(step.urn)) continue;
    seen.add(step.urn);
    const user = old.outputs?.user as { name?: unknown } | undefined;
    // A replacement is planned with the program's new inputs, a removal with the state's (as `diff` and `delete`).
    const declared = replace ? (step.newState?.inputs ?? old.inputs) : old.outputs;
    out.push({
      op,
      replace,
      kind,
      permalinkId,
      urn: step.urn,
      roomName: kind === "permalink" ? text(old.outputs?.name) : undefined,
      hostName: kind === "host" ? text(user?.name) : undefined,
      liveMeetings: declared?.liveMeetings ?? old.inputs?.liveMeetings,
      account: text(old.outputs?.account),
    });
  }
  return out;
}

/** What preflight found about one room. */
export interface RoomFinding {
  readonly permalinkId: string;
  /** The room's name in eyeson, as read (or as the state has it). */
  readonly roomName?: string;
  /** When the running meeting started; undefined when none runs. */
  readonly startedAt?: string;
  /** Why the room could not be read; `up` reads again and refuses while it cannot. */
  readonly failure?: string;
  /** The plan's steps in this room. */
  readonly steps: ReadonlyArray<{ readonly op: string; readonly urn: string }>;
  /** The strictest `liveMeetings` among the room's steps, and where it was set. */
  readonly policy: LiveMeetingsPolicy;
  /** True when `up` would refuse: a meeting runs (or the room could not be read) and the policy is `protect`. */
  readonly blocking: boolean;
  /** The lines printed for the room: the provider's warnings; none for a room without a meeting that is only removed. */
  readonly warnings: readonly string[];
}

/** The warnings of one room, in the provider's words: the Permalink's step first, then its hosts'. */
function warningsOf(
  steps: readonly AffectedStep[],
  planned: PlannedRoom,
  policy: LiveMeetingsPolicy,
): string[] {
  const room = steps.find((s) => s.kind === "permalink");
  if (room !== undefined) {
    if (room.replace) return [replaceWarning(room.urn, room.permalinkId, planned, policy)];
    const removal = removalWarning(room, planned, policy);
    if (removal !== undefined) return [removal];
    if (planned.failure === undefined) return [];
  }
  const lines: string[] = [];
  for (const step of steps) {
    const line = step.replace
      ? hostReplaceWarning(step.urn, step.permalinkId, planned, policy)
      : removalWarning(step, planned, policy);
    if (line !== undefined) lines.push(line);
  }
  if (lines.length === 0 && planned.failure !== undefined) {
    const name = logicalName(steps[0].urn, `Permalink ${steps[0].permalinkId}`);
    lines.push(
      `${name}: whether a meeting is running in the room of permalink ${steps[0].permalinkId} could not be read ` +
        `(${planned.failure}); \`up\` reads it again before deleting anything and refuses while it cannot.`,
    );
  }
  return lines;
}

/**
 * Checks each room of `steps` with one read: whether a meeting runs, what the plan would do, and whether `up`
 * would refuse. `settings` are the run's `EYESON_LIVE_MEETINGS` and the plan's `eyeson:liveMeetings`.
 */
export async function checkRooms(
  client: EyesonClient,
  steps: readonly AffectedStep[],
  settings: { readonly env?: string; readonly config?: string },
  account: string | undefined,
): Promise<RoomFinding[]> {
  const byRoom = new Map<string, AffectedStep[]>();
  for (const step of steps) byRoom.set(step.permalinkId, [...(byRoom.get(step.permalinkId) ?? []), step]);
  const findings: RoomFinding[] = [];
  for (const [permalinkId, roomSteps] of byRoom) {
    const policies = roomSteps.map((s) => liveMeetingsPolicy(s.liveMeetings, settings));
    // `up` refuses the room at the first protected step, so one protected resource protects the room.
    const policy = policies.find((p) => p.mode === "protect") ?? policies[0];
    let planned = await planRoom(client, client.endpoint, permalinkId);
    const recorded = roomSteps.find((s) => s.account !== undefined)?.account;
    if (
      planned.room === undefined &&
      planned.failure === undefined &&
      recorded !== undefined &&
      recorded !== account
    ) {
      // Not found with this key, but made with another account: the room may well exist, and run a meeting.
      planned = {
        failure:
          `the room was created with another eyeson account or endpoint (fingerprint ${recorded}) than ` +
          "EYESON_API_KEY and the endpoint preflight uses, which do not find it",
      };
    }
    const startedAt = planned.room?.startedAt;
    findings.push({
      permalinkId,
      roomName: planned.room?.name ?? roomSteps.find((s) => s.roomName !== undefined)?.roomName,
      startedAt,
      failure: planned.failure,
      steps: roomSteps.map((s) => ({ op: s.op, urn: String(s.urn) })),
      policy,
      blocking: policy.mode === "protect" && (startedAt !== undefined || planned.failure !== undefined),
      warnings: warningsOf(roomSteps, planned, policy),
    });
  }
  return findings;
}

/** The summary line for stderr. */
function summary(findings: readonly RoomFinding[]): string {
  const blocking = findings.filter((f) => f.blocking);
  if (findings.length === 0) {
    return "pulumi-eyeson preflight: the plan deletes or replaces no room; nothing to check.\n";
  }
  if (blocking.length === 0) {
    return `pulumi-eyeson preflight: ${findings.length} room(s) checked; \`pulumi up\` will not be refused for a running meeting.\n`;
  }
  return (
    `pulumi-eyeson preflight: ${blocking.length} of ${findings.length} room(s) checked have a running meeting and ` +
    "liveMeetings protect: `pulumi up` would refuse them. Run again after the meeting, or allow it for this run " +
    `with ${LIVE_MEETINGS_SETTINGS.env}=allow.\n`
  );
}

async function readPlanText(io: CommandIo, file: string | undefined): Promise<string> {
  if (file !== undefined && file !== "-") return fs.promises.readFile(file, "utf8");
  if (io.stdin === undefined)
    throw new UsageError("No plan: pass --plan <file> or pipe `pulumi preview --json`");
  return io.stdin();
}

/** Runs `preflight`; the room lines go to stdout, the summary and failures to stderr. */
export async function runPreflight(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  return runCommand(
    io,
    PREFLIGHT_USAGE,
    async () => {
      const options = parsePreflightArgs(argv);
      return options.help ? HELP : { options, plan: parsePlan(await readPlanText(io, options.plan)) };
    },
    ({ options, plan }) => checkPlan(options, plan, io),
  );
}

/** `preflight` with its options and the plan read. */
async function checkPlan(options: PreflightOptions, plan: Plan, io: CommandIo): Promise<ExitCode> {
  const steps = affectedSteps(plan);
  const settings = {
    env: io.env[LIVE_MEETINGS_SETTINGS.env],
    config: text(plan.config?.[LIVE_MEETINGS_SETTINGS.config]),
  };
  const report = (findings: readonly RoomFinding[], endpoint?: string): ExitCode => {
    const ok = !findings.some((f) => f.blocking);
    if (options.format === "json") {
      io.stdout(`${JSON.stringify({ endpoint, ok, rooms: findings }, null, 2)}\n`);
    } else {
      for (const f of findings) for (const line of f.warnings) io.stdout(`${line}\n`);
      io.stderr(summary(findings));
    }
    return ok ? EXIT.ok : EXIT.failed;
  };
  // A plan that touches no room needs no key and sends no request.
  if (steps.length === 0) return report([]);
  const endpoint = options.endpoint ?? io.env.EYESON_API_ENDPOINT ?? text(plan.config?.["eyeson:endpoint"]);
  return withAccount<EyesonClient>("preflight", io, { ...options, endpoint }, undefined, async (client) => {
    const apiKey = resolveSettings({ apiKey: options.apiKey }, io.env).apiKey;
    const account = apiKey === undefined ? undefined : accountFingerprint(client.endpoint, apiKey);
    return report(await checkRooms(client, steps, settings, account), client.endpoint);
  });
}
