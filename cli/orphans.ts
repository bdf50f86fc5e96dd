/**
 * `pulumi-eyeson orphans`: finds the rooms a stack's own creates made that its state does not hold, and with
 * `--delete` removes them. They appear when a run is interrupted (or every answer to a create is lost) after
 * eyeson created a permalink but before the engine recorded it; the next `up` then creates the room again.
 *
 * Every permalink the provider creates carries a create mark (`pulumi_create_key`): the resource's create key,
 * which the stack's state records for each Permalink, and a random part. A permalink whose mark starts with one
 * of the stack's create keys, and whose id the state does not hold, is such an orphan. Rooms made by anything
 * else (another stack, the dashboard) carry no mark of this stack and are never listed.
 */
import { readFileSync } from "node:fs";
import { HELP, parseFlags, runCommand, withAccount } from "./command";
import { markOf } from "../provider/resources/createMarks";
import type { EyesonApi } from "../provider/eyesonApi";
import type { Permalink } from "../provider/types";
import { EXIT, UsageError, type CommandIo, type ExitCode } from "./io";

/** The usage text of `orphans`. */
export const ORPHANS_USAGE = `Usage: pulumi stack export | pulumi-eyeson orphans --state - [--delete]

Lists the permalinks this stack's creates made that its state does not hold (after an interrupted run),
and with --delete removes them. Run it after the \`pulumi up\` that follows \`pulumi refresh --clear-pending-creates\`.

Options:
  --state <file|->     the output of \`pulumi stack export\` (\`-\` reads it from standard input)
  --delete             delete the orphans (without it, only list them)
  --endpoint <url>     API endpoint (default: EYESON_API_ENDPOINT, else https://api.eyeson.team)
  --api-key <key>      API key (default: EYESON_API_KEY; prefer the variable, it stays out of shell history)
  --help               show this help`;

/** The Permalink's type: the dynamic resource's, and the plugin's (both mark their creates alike). */
const PERMALINK_TYPES: ReadonlySet<string> = new Set([
  "pulumi-nodejs:dynamic/eyeson:Permalink",
  "eyeson:index:Permalink",
]);

/** What the state says about the stack's permalinks. */
export interface StackPermalinks {
  /** The create keys of the stack's Permalink resources (recorded and pending). */
  readonly createKeys: ReadonlySet<string>;
  /** The permalink ids the state holds. */
  readonly ids: ReadonlySet<string>;
}

/** An orphan: a permalink one of the stack's creates made, unknown to its state. */
export interface Orphan {
  readonly id: string;
  readonly name: string;
  readonly createKey: string;
}

interface ExportedResource {
  readonly type?: string;
  readonly id?: string;
  readonly inputs?: { readonly createKey?: unknown };
}

/** Reads the Permalinks out of `pulumi stack export` output (resources and pending operations). */
export function stackPermalinks(exported: unknown): StackPermalinks {
  const deployment = (exported as { deployment?: { resources?: unknown; pending_operations?: unknown } })
    ?.deployment;
  if (!deployment || !Array.isArray(deployment.resources)) {
    throw new UsageError("--state is not the output of `pulumi stack export` (no deployment.resources)");
  }
  const pending = Array.isArray(deployment.pending_operations)
    ? (deployment.pending_operations as { resource?: ExportedResource }[]).map((op) => op.resource ?? {})
    : [];
  const createKeys = new Set<string>();
  const ids = new Set<string>();
  for (const resource of [...(deployment.resources as ExportedResource[]), ...pending]) {
    if (!PERMALINK_TYPES.has(resource.type ?? "")) continue;
    const key = resource.inputs?.createKey;
    if (typeof key === "string" && key !== "") createKeys.add(key);
  }
  for (const resource of deployment.resources as ExportedResource[]) {
    if (PERMALINK_TYPES.has(resource.type ?? "") && typeof resource.id === "string") ids.add(resource.id);
  }
  return { createKeys, ids };
}

/** The account's permalinks that are orphans of the stack described by `stack`. */
export function findOrphans(permalinks: readonly Permalink[], stack: StackPermalinks): Orphan[] {
  const orphans: Orphan[] = [];
  for (const permalink of permalinks) {
    const mark = markOf(permalink);
    if (mark === undefined || stack.ids.has(permalink.permalink.id)) continue;
    const createKey = mark.slice(0, mark.lastIndexOf("."));
    if (!stack.createKeys.has(createKey)) continue;
    orphans.push({ id: permalink.permalink.id, name: permalink.room?.name ?? "", createKey });
  }
  return orphans;
}

interface OrphansOptions {
  readonly state?: string;
  readonly delete: boolean;
  readonly apiKey?: string;
  readonly endpoint?: string;
  readonly help: boolean;
}

function parseArgs(argv: readonly string[]): OrphansOptions {
  const flags = parseFlags(argv, { values: ["--state", "--endpoint", "--api-key"], switches: ["--delete"] });
  return {
    state: flags.values.get("--state"),
    delete: flags.switches.has("--delete"),
    apiKey: flags.values.get("--api-key"),
    endpoint: flags.values.get("--endpoint"),
    help: flags.switches.has("--help"),
  };
}

/** The client calls `orphans` makes: a listing, and deletes with `--delete`. */
export type OrphanAccount = Pick<EyesonApi, "listPermalinks" | "deletePermalink"> & {
  readonly endpoint: string;
};

/**
 * Runs `orphans`: lists (and with `--delete` deletes) the stack's orphans. `account` replaces the HTTP client
 * in tests; `readState` replaces reading the file or standard input.
 */
export async function runOrphans(
  argv: readonly string[],
  io: CommandIo,
  account?: OrphanAccount,
  readState: (path: string) => string = (path) => readFileSync(path === "-" ? 0 : path, "utf8"),
): Promise<ExitCode> {
  return runCommand(
    io,
    ORPHANS_USAGE,
    () => {
      const options = parseArgs(argv);
      return options.help ? HELP : { options, stack: readStack(options, readState) };
    },
    ({ options, stack }) => reportOrphans(options, stack, io, account),
  );
}

/** The permalinks of the stack whose export `--state` names; throws `UsageError` when it names none. */
function readStack(options: OrphansOptions, readState: (path: string) => string): StackPermalinks {
  if (options.state === undefined) throw new UsageError("--state is required (`pulumi stack export` output)");
  let exported: unknown;
  try {
    exported = JSON.parse(readState(options.state));
  } catch {
    throw new UsageError("--state is not JSON (pass the output of `pulumi stack export`)");
  }
  return stackPermalinks(exported);
}

/** `orphans` with its options and the stack's permalinks read. */
function reportOrphans(
  options: OrphansOptions,
  stack: StackPermalinks,
  io: CommandIo,
  account: OrphanAccount | undefined,
): Promise<ExitCode> {
  return withAccount("orphans", io, options, account, async (source) => {
    const page = await source.listPermalinks({ all: true, limit: 100 });
    const orphans = findOrphans(page.items, stack);
    for (const orphan of orphans) {
      if (options.delete) await source.deletePermalink(orphan.id, { missingOk: true });
      io.stdout(`${options.delete ? "deleted" : "orphan"} ${orphan.id} ${JSON.stringify(orphan.name)}\n`);
    }
    io.stderr(
      `${orphans.length} orphan(s) of this stack at ${source.endpoint}` +
        (orphans.length > 0 && !options.delete ? "; run again with --delete to remove them" : "") +
        ".\n",
    );
    return EXIT.ok;
  });
}
