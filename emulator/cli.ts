#!/usr/bin/env node
/**
 * `pulumi-eyeson-emulator [--port 8787] [--host 127.0.0.1] [--api-key KEY ...] [--seed N] [--data DIR] [--variant NAME] [--allow-external-webhooks] [--strict]`
 * Runs the emulator in the foreground, prints its URL and API key(s), and stops on Ctrl-C or SIGTERM.
 * Installed as the package's `bin` (`npx pulumi-eyeson-emulator`), run from the built `dist/emulator/cli.js`.
 */
import { exposureWarning } from "./dashboard/state";
import { startEmulator, type EmulatorOptions } from "./index";
import { assertVariant } from "./variants";

const USAGE = `Usage: pulumi-eyeson-emulator [options]

Options:
  --port <n>                   TCP port (default: 0 = any free port)
  --host <addr>                interface to listen on (default: 127.0.0.1)
  --api-key <key>              accepted API key; repeat for several isolated keys (default: one generated key)
  --seed <n>                   deterministic ids, tokens and generated key
  --data <dir>                 keep the state and the key in <dir> across restarts
                               (default: EYESON_EMULATOR_DATA; unset = in memory only)
  --variant <name>             answer in another shape the API notes leave open (default: documented;
                               see /__emulator/variant for the list)
  --allow-external-webhooks    also deliver webhooks to non-loopback URLs
  --strict                     refuse unknown parameters with 400 (default: ignore them and name them
                               in the X-Emulator-Ignored-Parameters header and the request log)
  --help                       show this help`;

/** The environment variable naming the state directory when `--data` is not given. */
export const DATA_DIR_VARIABLE = "EYESON_EMULATOR_DATA";

/** The state directory the README suggests, in the project folder. */
const SUGGESTED_DATA_DIR = ".eyeson-emulator";

/**
 * Parses the command line; throws with a message for the user on bad input. `env` supplies the state
 * directory when `--data` is not given.
 */
export function parseArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = {},
): EmulatorOptions & { help?: boolean } {
  const apiKeys: string[] = [];
  const out: { -readonly [K in keyof EmulatorOptions]: EmulatorOptions[K] } & { help?: boolean } = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--port": {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("--port must be 0-65535");
        out.port = port;
        break;
      }
      case "--host":
        out.host = value();
        break;
      case "--api-key":
        apiKeys.push(value());
        break;
      case "--seed": {
        const seed = Number(value());
        if (!Number.isInteger(seed)) throw new Error("--seed must be an integer");
        out.seed = seed;
        break;
      }
      case "--variant": {
        const name = value();
        assertVariant(name);
        out.variant = name;
        break;
      }
      case "--data":
        out.dataDir = value();
        break;
      case "--allow-external-webhooks":
        out.allowExternalWebhooks = true;
        break;
      case "--strict":
        out.strict = true;
        break;
      case "--help":
      case "-h":
        out.help = true;
        break;
      default:
        throw new Error(`Unknown option: ${arg}`);
    }
  }
  if (apiKeys.length > 0) out.apiKeys = apiKeys;
  const fromEnv = env[DATA_DIR_VARIABLE];
  if (out.dataDir === undefined && fromEnv !== undefined && fromEnv.trim() !== "") out.dataDir = fromEnv;
  return out;
}

/** Where the state lives, and, when only in memory, the one line that keeps it. */
export function stateLine(dataDir: string | undefined): string {
  return dataDir === undefined
    ? `State: in memory only; it and the key are gone when the emulator stops. To keep both across restarts:\n` +
        `  npx pulumi-eyeson-emulator --data ${SUGGESTED_DATA_DIR}   (or ${DATA_DIR_VARIABLE}=${SUGGESTED_DATA_DIR})\n`
    : `State: kept in ${dataDir} (the store, the key and the clock survive a restart).\n`;
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const emulator = await startEmulator(options);
  const lines = [
    `eyeson emulator listening on ${emulator.url}`,
    ...emulator.apiKeys.map((key, i) => `API key${emulator.apiKeys.length > 1 ? ` ${i + 1}` : ""}: ${key}`),
    `Dashboard: ${emulator.dashboardUrl}`,
    "",
    `  export EYESON_API_ENDPOINT=${emulator.url}`,
    `  export EYESON_API_KEY=${emulator.apiKey}`,
    "",
    stateLine(emulator.dataDir),
    ...(emulator.variant.get() === "documented"
      ? []
      : [
          `Answers: variant ${emulator.variant.get()} (not the documented shapes; see /__emulator/variant).`,
          "",
        ]),
    emulator.strict
      ? "Unknown parameters: refused with 400 (--strict)."
      : "Unknown parameters: ignored, and named in the X-Emulator-Ignored-Parameters header and the request log (--strict refuses them).",
    `Controls: ${emulator.url}/__emulator/requests, /__emulator/faults, /__emulator/clock, /__emulator/reset. Ctrl-C stops.`,
  ];
  const warning = exposureWarning(options.host);
  if (warning) lines.push("", `WARNING: ${warning}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  const stop = (signal: string): void => {
    process.stdout.write(`\n${signal}: stopping the eyeson emulator\n`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(
      `eyeson emulator failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  });
}
