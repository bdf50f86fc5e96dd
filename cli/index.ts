#!/usr/bin/env node
/**
 * `pulumi-eyeson <command>`: the package's command line (`npx pulumi-eyeson adopt`), run from the built
 * `dist/cli/index.js`. Each command is a module with a `run` function taking its arguments and a `CommandIo`.
 */
import { runAdopt } from "./adopt";
import { runDoctor } from "./doctor";
import { runOrphans } from "./orphans";
import { runPluginArchive } from "./pluginArchive";
import { runPreflight } from "./preflight";
import { EXIT, type CommandIo, type ExitCode } from "./io";

/** The commands, by name; `summary` is the line shown in the top-level usage. */
const COMMANDS: Readonly<
  Record<string, { summary: string; run: (argv: readonly string[], io: CommandIo) => Promise<ExitCode> }>
> = {
  adopt: {
    summary: "print a Pulumi program that takes over the account's permalinks and webhook (read-only)",
    run: runAdopt,
  },
  doctor: {
    summary:
      "check the account's answers against what pulumi-eyeson assumes (read-only; --write adds one throwaway permalink)",
    run: runDoctor,
  },
  preflight: {
    summary:
      "check the rooms a `pulumi preview --json` plan deletes or replaces for running meetings (read-only)",
    run: runPreflight,
  },
  orphans: {
    summary: "list (or --delete) rooms this stack's creates made that its state does not hold",
    run: (argv, io) => runOrphans(argv, io),
  },
  "plugin-archive": {
    summary: "write the archive `pulumi plugin install resource eyeson <version> --file` installs",
    run: runPluginArchive,
  },
};

const NAME_WIDTH = Math.max(...Object.keys(COMMANDS).map((name) => name.length));

/** The top-level usage text. */
export const USAGE = `Usage: pulumi-eyeson <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(NAME_WIDTH)} ${command.summary}`)
  .join("\n")}

Run \`pulumi-eyeson <command> --help\` for its options. The emulator is a command of its own:
\`pulumi-eyeson-emulator --help\`.`;

/** Runs one command line (without `node` and the script) and resolves its exit code. */
export async function main(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(`${USAGE}\n`);
    return EXIT.usage;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(`${USAGE}\n`);
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.stderr(`Unknown command: ${name}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  return command.run(rest, io);
}

if (require.main === module) {
  main(process.argv.slice(2), {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // A terminal is no plan: without a pipe, a command that reads stdin says so instead of waiting.
    stdin: process.stdin.isTTY
      ? undefined
      : async () => {
          const chunks: Buffer[] = [];
          for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
          return Buffer.concat(chunks).toString("utf8");
        },
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`pulumi-eyeson failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
