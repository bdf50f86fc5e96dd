/**
 * `pulumi-eyeson doctor`: checks an eyeson account against what pulumi-eyeson assumes (`docs/api-notes.md`),
 * one line per assumption, and exits 1 when one the provider needs differs. Read-only unless `--write`, which
 * adds the create, rename and delete of one throwaway permalink; the webhook is only read. See
 * `assumptions.ts` for the checks.
 */
import type { ClientAnswer } from "../provider/client";
import { inspectAccount, DOCTOR_PERMALINK_NAME, type DoctorAccount, type Finding } from "./assumptions";
import { formatFlag, helpOr, parseFlags, runCommand, withAccount } from "./command";
import { EXIT, type CommandIo, type ExitCode } from "./io";

/** The usage text of `doctor`. */
export const DOCTOR_USAGE = `Usage: pulumi-eyeson doctor [options]

Checks the account's answers against what pulumi-eyeson assumes (docs/api-notes.md): the key, the endpoint,
the permalink list and one permalink, how a missing permalink is answered, and the webhook registration.
One line per assumption: holds or differs, with what was seen (never a key or a token). Exits 1 when an
assumption pulumi-eyeson needs differs. Read-only unless --write.

Options:
  --write              also create, rename and delete one permalink named "${DOCTOR_PERMALINK_NAME}"
                       (the webhook is never touched)
  --format <name>      text (default) or json
  --endpoint <url>     API endpoint (default: EYESON_API_ENDPOINT, else https://api.eyeson.team)
  --api-key <key>      API key (default: EYESON_API_KEY; prefer the variable, it stays out of shell history)
  --help               show this help`;

/** The output formats of `doctor`. */
export const DOCTOR_FORMATS = ["text", "json"] as const;

/** Parsed `doctor` options. */
export interface DoctorOptions {
  readonly write: boolean;
  readonly format: (typeof DOCTOR_FORMATS)[number];
  readonly apiKey?: string;
  readonly endpoint?: string;
  readonly help: boolean;
}

/** Parses `doctor`'s arguments; throws `UsageError` on bad input. */
export function parseDoctorArgs(argv: readonly string[]): DoctorOptions {
  const flags = parseFlags(argv, { values: ["--format", "--endpoint", "--api-key"], switches: ["--write"] });
  return {
    write: flags.switches.has("--write"),
    format: formatFlag(flags, DOCTOR_FORMATS),
    apiKey: flags.values.get("--api-key"),
    endpoint: flags.values.get("--endpoint"),
    help: flags.switches.has("--help"),
  };
}

/** The findings a failing run is about: assumptions the provider needs that differ. */
export function blocking(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.verdict === "differs" && f.needed);
}

/** The text report: one line per assumption, then a summary. */
export function renderText(endpoint: string, write: boolean, findings: readonly Finding[]): string {
  const lines = [`pulumi-eyeson doctor: ${endpoint} (${write ? "read and write" : "read-only"})`];
  for (const f of findings) {
    const mark = f.verdict === "differs" && f.needed ? "  <- pulumi-eyeson needs this" : "";
    lines.push(`${f.verdict.padEnd(9)} ${f.assumption} [${f.section}]: ${f.seen}${mark}`);
  }
  const count = (verdict: Finding["verdict"]): number => findings.filter((f) => f.verdict === verdict).length;
  const failing = blocking(findings);
  lines.push(
    "",
    `${count("holds")} hold, ${count("differs")} differ, ${count("unchecked")} unchecked. ` +
      (failing.length === 0
        ? "Every assumption pulumi-eyeson needs holds."
        : `${failing.length} assumption(s) pulumi-eyeson needs differ: it will not work reliably with this account.`),
  );
  return `${lines.join("\n")}\n`;
}

/** Runs `doctor`; the report goes to stdout, progress and failures to stderr. */
export async function runDoctor(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  return runCommand(
    io,
    DOCTOR_USAGE,
    () => helpOr(parseDoctorArgs(argv)),
    (options) => doctor(options, io),
  );
}

/** `doctor` with its options read. */
function doctor(options: DoctorOptions, io: CommandIo): Promise<ExitCode> {
  const answers = new Map<string, ClientAnswer>();
  const flags = {
    ...options,
    onAnswer: (answer: ClientAnswer) => void answers.set(answer.operation, answer),
  };
  return withAccount<DoctorAccount["client"]>("doctor", io, flags, undefined, async (client) => {
    const account: DoctorAccount = {
      client,
      lastAnswer: (operation) => answers.get(operation),
      clearAnswers: () => answers.clear(),
    };
    const findings = await inspectAccount(account, { write: options.write });
    const failing = blocking(findings);
    io.stdout(
      options.format === "json"
        ? `${JSON.stringify({ endpoint: client.endpoint, write: options.write, ok: failing.length === 0, findings }, null, 2)}\n`
        : renderText(client.endpoint, options.write, findings),
    );
    return failing.length === 0 ? EXIT.ok : EXIT.failed;
  });
}
