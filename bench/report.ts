// What every section of `npm run bench` shares: the options, and the report it prints as it goes (Markdown
// on stdout, kept for .work/bench/report.md) and the figures it collects for bench/results.json.
import * as path from "node:path";

/** The repository. */
export const ROOT = path.resolve(__dirname, "..");
/** The folder for the benchmark's workspaces, profiles and report. */
export const WORK = path.join(ROOT, ".work", "bench");

/** The sections `--only` picks from. */
export const SECTIONS = ["providers", "engine", "client", "emulator", "typecheck", "failing"] as const;
/** One section of the benchmark. */
export type Section = (typeof SECTIONS)[number];

/** The command line, parsed. */
export interface Options {
  readonly sizes: number[];
  readonly reps: number;
  readonly only: Set<Section>;
  readonly profile: boolean;
}

/** Parses `--sizes`, `--reps`, `--only` and `--profile`. */
export function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = (value("--sizes") ?? "10,50,200").split(",").map(Number);
  const reps = Number(value("--reps") ?? "3");
  const only = new Set((value("--only") ?? SECTIONS.join(",")).split(",") as Section[]);
  for (const s of only)
    if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s}; known: ${SECTIONS.join(", ")}`);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(reps) || reps < 1) {
    throw new Error("--sizes takes positive integers (10,50,200) and --reps a positive integer");
  }
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    reps,
    only,
    profile: argv.includes("--profile"),
  };
}

const out: string[] = [];

/** Prints a line of the report. */
export function print(text = ""): void {
  process.stdout.write(`${text}\n`);
  out.push(text);
}

/** Prints a Markdown table. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): void {
  print(`| ${head.join(" | ")} |`);
  print(`|${head.map(() => "---").join("|")}|`);
  for (const row of rows) print(`| ${row.join(" | ")} |`);
  print();
}

/** Reports progress on stderr (not part of the report). */
export function progress(text: string): void {
  process.stderr.write(`  … ${text}\n`);
}
/** Kilobytes in megabytes. */
export const mb = (kb: number): number => kb / 1024;

/** Everything written to bench/results.json. */
export const results: Record<string, unknown> = {};

/** Every line printed so far. */
export function reportLines(): readonly string[] {
  return out;
}
