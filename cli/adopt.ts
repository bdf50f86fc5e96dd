/**
 * `pulumi-eyeson adopt`: reads an eyeson account (its permalinks and its webhook, GET requests only) and
 * prints declarations that take them over at the first `pulumi up`. See `adoption.ts` for what is declared
 * and `formats/` for how it is printed.
 */
import { EyesonClient } from "../provider/client";
import { redact } from "../provider/errors";
import { planAdoption, type AccountReader } from "./adoption";
import { ADOPT_FORMATS, findFormat, type AdoptFormat } from "./formats";
import { EXIT, UsageError, type CommandIo, type ExitCode } from "./io";

/** The usage text of `adopt`. */
export const ADOPT_USAGE = `Usage: pulumi-eyeson adopt [options] > index.ts

Reads the account's permalinks and webhook (read-only) and prints a Pulumi program that declares each
with adoptId / adoptExisting, so that the first \`pulumi up\` takes them over without changing anything.

Options:
  --format <name>      output format (default: ${ADOPT_FORMATS[0]?.name}):
${ADOPT_FORMATS.map((f) => `                         ${f.name}: ${f.description}`).join("\n")}
  --endpoint <url>     API endpoint (default: EYESON_API_ENDPOINT, else https://api.eyeson.team)
  --api-key <key>      API key (default: EYESON_API_KEY; prefer the variable, it stays out of shell history)
  --help               show this help`;

/** Parsed `adopt` options. */
export interface AdoptOptions {
  readonly format: AdoptFormat;
  readonly apiKey?: string;
  readonly endpoint?: string;
  readonly help?: boolean;
}

/** Parses `adopt`'s arguments; throws `UsageError` with a message for the user on bad input. */
export function parseAdoptArgs(argv: readonly string[]): AdoptOptions {
  let format = ADOPT_FORMATS[0] as AdoptFormat;
  let apiKey: string | undefined;
  let endpoint: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const [flag, inline] =
      arg.startsWith("--") && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--format": {
        const name = value();
        format =
          findFormat(name) ??
          fail(`Unknown format: ${name} (one of ${ADOPT_FORMATS.map((f) => f.name).join(", ")})`);
        break;
      }
      case "--endpoint":
        endpoint = value();
        break;
      case "--api-key":
        apiKey = value();
        break;
      case "--help":
      case "-h":
        help = true;
        break;
      default:
        // The argument is not echoed when it might be a key pasted in the wrong place.
        throw new UsageError(arg.startsWith("-") ? `Unknown option: ${flag}` : "Unexpected argument");
    }
  }
  return { format, apiKey, endpoint, help };
}

function fail(message: string): never {
  throw new UsageError(message);
}

/**
 * Runs `adopt`: prints the rendered program on stdout and a summary on stderr. `reader` replaces the HTTP
 * client in tests; by default one is made from the flags and the environment and closed afterwards.
 */
export async function runAdopt(
  argv: readonly string[],
  io: CommandIo,
  reader?: AccountReader & { readonly endpoint: string },
): Promise<ExitCode> {
  let options: AdoptOptions;
  try {
    options = parseAdoptArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`${err.message}\n\n${ADOPT_USAGE}\n`);
    return EXIT.usage;
  }
  if (options.help) {
    io.stdout(`${ADOPT_USAGE}\n`);
    return EXIT.ok;
  }
  const apiKey = options.apiKey ?? io.env.EYESON_API_KEY;
  if (reader === undefined && (apiKey === undefined || apiKey.trim() === "")) {
    io.stderr("adopt reads the account with its API key: set EYESON_API_KEY (or pass --api-key)\n");
    return EXIT.usage;
  }
  let client: EyesonClient | undefined;
  try {
    if (reader === undefined) {
      client = new EyesonClient({ apiKey: options.apiKey, endpoint: options.endpoint, env: io.env });
    }
    const source = reader ?? (client as EyesonClient);
    io.stderr(`Reading the permalinks and the webhook at ${source.endpoint} (read-only)...\n`);
    const adoption = await planAdoption(source, source.endpoint);
    io.stdout(options.format.render(adoption));
    const refused = [...adoption.permalinks, ...(adoption.webhook ? [adoption.webhook] : [])].filter(
      (d) => d.problems.length > 0,
    );
    io.stderr(
      `Found ${adoption.permalinks.length} permalink(s) and ${adoption.webhook ? "a" : "no"} webhook` +
        (refused.length > 0 ? `; ${refused.length} cannot be adopted as they are (see the comments)` : "") +
        ".\n",
    );
    return EXIT.ok;
  } catch (err) {
    // Client errors are redacted already; the key is scrubbed again in case another error quotes it.
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`pulumi-eyeson adopt failed: ${redact(message, [apiKey])}\n`);
    return EXIT.failed;
  } finally {
    await client?.close();
  }
}
