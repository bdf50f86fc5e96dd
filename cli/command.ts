/**
 * What every account command of `pulumi-eyeson` does the same way: read its flags, and run against the
 * account named by `--api-key`/`--endpoint` (or `EYESON_API_KEY`/`EYESON_API_ENDPOINT`) with a client it
 * closes afterwards, turning a failure into exit code 1 with the key scrubbed from the message.
 */
import { EyesonClient, type ClientAnswer } from "../provider/client";
import { redact } from "../provider/errors";
import { EXIT, UsageError, type CommandIo, type ExitCode } from "./io";

/** A command's flags as read: the value of each flag that takes one, and the switches given. */
export interface Flags {
  readonly values: ReadonlyMap<string, string>;
  readonly switches: ReadonlySet<string>;
}

/**
 * Reads `--flag value`, `--flag=value` and switches; `-h` counts as `--help`. Throws `UsageError` for an
 * unknown option, a missing value or a stray argument, which is not echoed: it may be a key pasted in the
 * wrong place.
 */
export function parseFlags(
  argv: readonly string[],
  spec: { readonly values: readonly string[]; readonly switches: readonly string[] },
): Flags {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const [given, inline] =
      arg.startsWith("--") && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const flag = given === "-h" ? "--help" : given;
    if (spec.values.includes(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === "") throw new UsageError(`${flag} needs a value`);
      values.set(flag, value);
    } else if (flag === "--help" || spec.switches.includes(flag)) {
      switches.add(flag);
    } else {
      throw new UsageError(arg.startsWith("-") ? `Unknown option: ${given}` : "Unexpected argument");
    }
  }
  return { values, switches };
}

/** The value of `--format`, one of `formats` (`text` when not given); throws `UsageError` for any other. */
export function formatFlag<F extends string>(flags: Flags, formats: readonly F[]): F {
  const format = flags.values.get("--format") ?? "text";
  if (!(formats as readonly string[]).includes(format)) {
    throw new UsageError(`Unknown format: ${format} (one of ${formats.join(", ")})`);
  }
  return format as F;
}

/** The account flags every account command takes. */
export interface AccountFlags {
  readonly apiKey?: string;
  readonly endpoint?: string;
  /** Sees each successful answer of the command's client (`doctor` holds them against our notes). */
  readonly onAnswer?: (answer: ClientAnswer) => void;
}

/**
 * Runs `work` against an account: `injected` (tests), or a client made from the flags and the environment and
 * closed afterwards. Without a key it answers exit code 2; a failure of `work` is exit code 1, its message
 * printed with the key scrubbed (client errors are redacted already; another error might quote the key).
 */
export async function withAccount<A extends { readonly endpoint: string }>(
  command: string,
  io: CommandIo,
  flags: AccountFlags,
  injected: A | undefined,
  work: (account: A | EyesonClient) => Promise<ExitCode>,
): Promise<ExitCode> {
  const apiKey = flags.apiKey ?? io.env.EYESON_API_KEY;
  if (injected === undefined && (apiKey === undefined || apiKey.trim() === "")) {
    io.stderr(`${command} reads the account with its API key: set EYESON_API_KEY (or pass --api-key)\n`);
    return EXIT.usage;
  }
  let client: EyesonClient | undefined;
  try {
    if (injected === undefined) {
      client = new EyesonClient({
        apiKey: flags.apiKey,
        endpoint: flags.endpoint,
        env: io.env,
        onAnswer: flags.onAnswer,
      });
    }
    return await work(injected ?? (client as EyesonClient));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`pulumi-eyeson ${command} failed: ${redact(message, [apiKey])}\n`);
    return EXIT.failed;
  } finally {
    await client?.close();
  }
}

/** What a command's argument reader answers for `--help`. */
export const HELP: unique symbol = Symbol("help");

/** `HELP` when the options ask for help, else the options. */
export function helpOr<O extends { readonly help?: boolean }>(options: O): O | typeof HELP {
  return options.help ? HELP : options;
}

/**
 * Runs a command the way every command runs: `read` reads its arguments (and what they name, such as a file)
 * and throws `UsageError` for bad ones, or answers `HELP`. The usage text goes to stdout for `HELP` (exit
 * code 0), or to stderr after the usage error's message (exit code 2); otherwise `run` gets what `read` made.
 */
export async function runCommand<A>(
  io: CommandIo,
  usage: string,
  read: () => A | typeof HELP | Promise<A | typeof HELP>,
  run: (args: A) => Promise<ExitCode>,
): Promise<ExitCode> {
  let args: A | typeof HELP;
  try {
    args = await read();
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`${err.message}\n\n${usage}\n`);
    return EXIT.usage;
  }
  if (args === HELP) {
    io.stdout(`${usage}\n`);
    return EXIT.ok;
  }
  return run(args);
}
