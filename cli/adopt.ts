/**
 * `pulumi-eyeson adopt`: reads an eyeson account (its permalinks and its webhook, GET requests only) and
 * prints declarations that take them over at the first `pulumi up`. See `adoption.ts` for what is declared
 * and `formats/` for how it is printed.
 */
import { DEFAULT_ENDPOINT } from "../provider/config";
import { helpOr, parseFlags, runCommand, withAccount } from "./command";
import { planAdoption, type AccountReader } from "../provider/adoption";
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
  const flags = parseFlags(argv, { values: ["--format", "--endpoint", "--api-key"], switches: [] });
  const name = flags.values.get("--format");
  const format =
    name === undefined
      ? (ADOPT_FORMATS[0] as AdoptFormat)
      : (findFormat(name) ??
        fail(`Unknown format: ${name} (one of ${ADOPT_FORMATS.map((f) => f.name).join(", ")})`));
  return {
    format,
    apiKey: flags.values.get("--api-key"),
    endpoint: flags.values.get("--endpoint"),
    help: flags.switches.has("--help"),
  };
}

/**
 * The commands that save what adopt used with the stack and take the objects over, on standard error (standard
 * output is the program). The stack must keep the endpoint: EYESON_API_ENDPOINT is gone in the next shell,
 * and a plain refresh or destroy uses the configuration of the last `up`, so setting it later is not enough.
 */
export function nextSteps(options: AdoptOptions, endpoint: string, env: NodeJS.ProcessEnv): string {
  const commands = [
    ...(endpoint === DEFAULT_ENDPOINT ? [] : [`pulumi config set eyeson:endpoint ${endpoint}`]),
    options.apiKey === undefined
      ? 'pulumi config set --secret eyeson:apiKey "$EYESON_API_KEY"'
      : "pulumi config set --secret eyeson:apiKey <the key given with --api-key>",
    options.format.nextCommand,
  ];
  const fromEnvironment =
    options.endpoint === undefined && endpoint !== DEFAULT_ENDPOINT && env.EYESON_API_ENDPOINT !== undefined;
  const why = fromEnvironment
    ? "The endpoint came from EYESON_API_ENDPOINT, which the stack does not keep: without the first line, " +
      `a refresh in a later shell would go to ${DEFAULT_ENDPOINT}.\n`
    : "";
  return `Next, in this shell:\n${commands.map((c) => `  ${c}\n`).join("")}${why}`;
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
  return runCommand(
    io,
    ADOPT_USAGE,
    () => helpOr(parseAdoptArgs(argv)),
    (options) => adopt(options, io, reader),
  );
}

/** `adopt` with its options read. */
function adopt(
  options: AdoptOptions,
  io: CommandIo,
  reader: (AccountReader & { readonly endpoint: string }) | undefined,
): Promise<ExitCode> {
  return withAccount("adopt", io, options, reader, async (source) => {
    io.stderr(`Reading the permalinks and the webhook at ${source.endpoint} (read-only)...\n`);
    const adoption = await planAdoption(source, source.endpoint);
    io.stdout(options.format.render(adoption));
    const refused = [...adoption.permalinks, ...(adoption.webhook ? [adoption.webhook] : [])].filter(
      (d) => d.problems.length > 0,
    );
    io.stderr(
      `Found ${adoption.permalinks.length} permalink(s) and ${adoption.webhook ? "a" : "no"} webhook` +
        (refused.length > 0 ? `; ${options.format.refused(refused.length)}` : "") +
        ".\n",
    );
    for (const declaration of refused) {
      const id = "permalinkId" in declaration ? declaration.permalinkId : declaration.webhookId;
      io.stderr(`  ${declaration.resourceName} (${id}): ${declaration.problems.join("; ")}\n`);
    }
    io.stderr(nextSteps(options, source.endpoint, io.env));
    return EXIT.ok;
  });
}
