// Time to report a failing program: from the moment a program throws to the moment `pulumi preview` shows
// the error, and to the moment it exits. The floor is a plain Pulumi program (no pulumi-eyeson) that throws the
// same way; ours are a program that imports pulumi-eyeson and misses a config value, and one whose
// `getPermalink` call fails with the API's 401. Each program writes the time of its throw to a file.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { offlineEngineEnv } from "../scripts/engine-env";
import { summarize, type Summary } from "./stats";

/** A failure reported later than this is measured once, not repeated. */
const SLOW_MS = 10_000;

/** The failing programs, by what the report calls them. */
const PROGRAMS = {
  "plain program, missing config (floor)": `"use strict";
const pulumi = require("@pulumi/pulumi");
const mark = () => require("node:fs").writeFileSync(process.env.BENCH_THROW_MARK, String(Date.now()));
const config = new pulumi.Config();
mark();
config.require("roomName");
`,
  "pulumi-eyeson program, missing config": `"use strict";
const pulumi = require("@pulumi/pulumi");
const eyeson = require("pulumi-eyeson");
const mark = () => require("node:fs").writeFileSync(process.env.BENCH_THROW_MARK, String(Date.now()));
const config = new pulumi.Config();
mark();
new eyeson.Permalink("room", { name: config.require("roomName"), user: { name: "Host" } });
`,
  "pulumi-eyeson program, API error (401)": `"use strict";
const eyeson = require("pulumi-eyeson");
const mark = () => require("node:fs").writeFileSync(process.env.BENCH_THROW_MARK, String(Date.now()));
eyeson.getPermalink({ permalinkId: "0123456789abcdef01234567" }).catch((err) => {
  mark();
  throw err;
});
`,
} as const;

/** The program names, in report order. */
export type FailingProgram = keyof typeof PROGRAMS;

/** From throw to the error on screen, and to the CLI's exit, over repetitions. */
export interface FailureTiming {
  readonly shownMs: Summary;
  readonly exitMs: Summary;
}

interface Run {
  readonly shownMs: number;
  readonly exitMs: number;
}

function preview(dir: string, env: NodeJS.ProcessEnv, mark: string, expect: RegExp): Promise<Run> {
  return new Promise((resolve, reject) => {
    fs.rmSync(mark, { force: true });
    const child = spawn(env.BENCH_CLI as string, ["preview", "--non-interactive", "--stack", "bench"], {
      cwd: dir,
      env: { ...env, BENCH_THROW_MARK: mark },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let shownAt = NaN;
    const watch = (chunk: Buffer): void => {
      output += chunk.toString();
      if (Number.isNaN(shownAt) && expect.test(output)) shownAt = Date.now();
    };
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    child.on("error", reject);
    child.on("close", (code) => {
      const exitAt = Date.now();
      const thrownAt = Number(fs.existsSync(mark) ? fs.readFileSync(mark, "utf8") : NaN);
      if (code === 0 || Number.isNaN(thrownAt) || Number.isNaN(shownAt)) {
        reject(
          new Error(`the preview in ${dir} did not fail as expected (exit ${code}):\n${output.slice(-3000)}`),
        );
      } else {
        resolve({ shownMs: shownAt - thrownAt, exitMs: exitAt - thrownAt });
      }
    });
  });
}

/** Runs each failing program's preview `reps` times, alternating programs; `emulatorUrl` answers the 401. */
export async function benchFailing(opts: {
  root: string;
  cliBin: string;
  emulatorUrl: string;
  reps: number;
}): Promise<Record<FailingProgram, FailureTiming>> {
  fs.rmSync(opts.root, { recursive: true, force: true });
  const backendDir = path.join(opts.root, "backend");
  const pulumiHome = path.join(opts.root, "home");
  for (const dir of [backendDir, pulumiHome]) fs.mkdirSync(dir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...offlineEngineEnv({ cliBin: opts.cliBin, backendDir, pulumiHome }),
    BENCH_CLI: opts.cliBin,
  };
  const names = Object.keys(PROGRAMS) as FailingProgram[];
  const dirs = new Map<FailingProgram, string>();
  for (const [i, name] of names.entries()) {
    const dir = path.join(opts.root, `program-${i}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      `name: failing-${i}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`,
    );
    fs.writeFileSync(path.join(dir, "index.js"), PROGRAMS[name]);
    const cli = (...args: string[]): Promise<void> =>
      new Promise((resolve, reject) => {
        const child = spawn(opts.cliBin, [...args, "--non-interactive"], { cwd: dir, env, stdio: "ignore" });
        child.on("close", (code) =>
          code === 0 ? resolve() : reject(new Error(`pulumi ${args.join(" ")}: ${code}`)),
        );
      });
    await cli("stack", "init", "bench");
    await cli("config", "set", "eyeson:endpoint", opts.emulatorUrl, "--stack", "bench");
    await cli(
      "config",
      "set",
      "--secret",
      "eyeson:apiKey",
      "emu_not_a_key_of_this_emulator_0123",
      "--stack",
      "bench",
    );
    dirs.set(name, dir);
  }
  const runs = new Map<FailingProgram, Run[]>(names.map((n) => [n, []]));
  const expect: Record<FailingProgram, RegExp> = {
    "plain program, missing config (floor)": /Missing required configuration variable/,
    "pulumi-eyeson program, missing config": /Missing required configuration variable/,
    "pulumi-eyeson program, API error (401)": /GET \/permalink\/\S+ failed \(40[13]\)/,
  };
  for (let rep = 0; rep < opts.reps; rep++) {
    const order = rep % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const done = runs.get(name) ?? [];
      // A program that took minutes once (Pulumi's own language host, without our preload) is not repeated:
      // one run shows it, and the benchmark stays within its time.
      if (done.some((r) => r.exitMs > SLOW_MS)) continue;
      const mark = path.join(opts.root, "thrown-at");
      done.push(await preview(dirs.get(name) as string, env, mark, expect[name]));
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const r = runs.get(name) ?? [];
      return [
        name,
        { shownMs: summarize(r.map((x) => x.shownMs)), exitMs: summarize(r.map((x) => x.exitMs)) },
      ];
    }),
  ) as Record<FailingProgram, FailureTiming>;
}
