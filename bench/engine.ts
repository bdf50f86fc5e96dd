// The engine benchmark: N permalinks against the emulator beside N do-nothing dynamic resources (the floor),
// each through `pulumi up`, an `up` without changes, `refresh` and `destroy`, run by the Pulumi CLI as project
// folders, the way users run them. Floor and ours alternate within each repetition (ABBA), so load that comes
// and goes on the machine falls on both.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { EmulatorHandle } from "../emulator";
import { offlineEngineEnv } from "../scripts/engine-env";
import { sampleTree, type Role } from "./processes";

/** The operations measured, each the CLI command a pipeline runs. */
export const OPERATIONS = {
  up: ["up", "--yes", "--skip-preview"],
  unchanged: ["up", "--yes", "--skip-preview"],
  refresh: ["refresh", "--yes", "--skip-preview"],
  destroy: ["destroy", "--yes", "--skip-preview"],
} as const;

/** One of the measured operations. */
export type Operation = keyof typeof OPERATIONS;

/**
 * The programs: the floor (a do-nothing dynamic resource with the permalinks' inputs), the shaped floor (the
 * same with a Permalink's 14 declared outputs, 4 of them secret, and values for them), and pulumi-eyeson's.
 */
export type Variant = "floor" | "shapedFloor" | "ours";

/** The variants in report order. */
export const VARIANTS: readonly Variant[] = ["floor", "shapedFloor", "ours"];

/** What one CLI run of an operation took. */
export interface OperationRun {
  readonly ms: number;
  /** Peak RSS in kB of each process of the run, where it could be sampled. */
  readonly peaks: Partial<Record<Role, number>>;
  /** API requests the run sent, by route (ours only). */
  readonly requests: Record<string, number>;
}

const STACK = "bench";
const COMMAND_TIMEOUT_MS = 600_000;
const RESOURCE_ARGS =
  '{ name: `Room ${i}`, user: { name: "Host", id: "host" }, options: { widescreen: true } }';

/** The two project folders of a benchmark run, with their offline CLI environment. */
export interface EngineWorkspace {
  readonly root: string;
  readonly cliBin: string;
  readonly env: NodeJS.ProcessEnv;
  readonly dirs: Record<Variant, string>;
}

const PROGRAMS: Record<Variant, string> = {
  ours: `"use strict";
// N permalinks, declared the way a user declares them.
const eyeson = require("pulumi-eyeson");
const n = Number(process.env.BENCH_N);
for (let i = 0; i < n; i++) new eyeson.Permalink(\`room-\${i}\`, ${RESOURCE_ARGS});
`,
  floor: `"use strict";
// The floor: a dynamic resource whose provider does nothing (create, read and delete return at once), with
// the same inputs as the permalinks, and one provider object for all of them.
const pulumi = require("@pulumi/pulumi");
const provider = {
  async create(inputs) {
    return { id: inputs.name, outs: inputs };
  },
  async read(id, props) {
    return { id, props };
  },
  async delete() {},
};
class Floor extends pulumi.dynamic.Resource {
  constructor(name, args) {
    super(provider, name, args, undefined, "bench", "Floor");
  }
}
const n = Number(process.env.BENCH_N);
for (let i = 0; i < n; i++) new Floor(\`room-\${i}\`, ${RESOURCE_ARGS});
`,
  shapedFloor: `"use strict";
// The floor in a Permalink's shape: its inputs, its 14 declared outputs (the SDK makes each an Output), the
// same 4 secret outputs, and outputs of the same sizes from a provider that otherwise does nothing.
const pulumi = require("@pulumi/pulumi");
const provider = {
  async create(inputs) {
    const id = "floor-" + inputs.name.replace(/\\D/g, "");
    const token = "t".repeat(24);
    return {
      id,
      outs: {
        ...inputs, stateVersion: 1, permalinkId: id, userId: "host", roomId: id, createdAt: new Date().toISOString(),
        started: false, userToken: token, guestToken: token, hostUrl: "https://app.eyeson.team/?" + token,
        guestUrl: "https://app.eyeson.team/?guest=" + token,
      },
    };
  },
  async read(id, props) {
    return { id, props };
  },
  async delete() {},
};
const OUTPUTS = ["name", "expiresAt", "options", "adoptId", "stateVersion", "permalinkId", "userId", "roomId",
  "createdAt", "started", "userToken", "guestToken", "hostUrl", "guestUrl"];
class ShapedFloor extends pulumi.dynamic.Resource {
  constructor(name, args) {
    const props = { ...Object.fromEntries(OUTPUTS.map((k) => [k, undefined])), ...args };
    const opts = { additionalSecretOutputs: ["userToken", "guestToken", "hostUrl", "guestUrl"] };
    super(provider, name, props, opts, "bench", "ShapedFloor");
  }
}
const n = Number(process.env.BENCH_N);
for (let i = 0; i < n; i++) new ShapedFloor(\`room-\${i}\`, ${RESOURCE_ARGS});
`,
};

/** Runs the CLI in `dir`; resolves with the wall time and the peak RSS of the processes it started. */
export function runCli(
  ws: Pick<EngineWorkspace, "cliBin" | "env">,
  dir: string,
  args: readonly string[],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ ms: number; peaks: Partial<Record<Role, number>>; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(ws.cliBin, [...args, "--non-interactive", "--stack", STACK], {
      cwd: dir,
      env: { ...ws.env, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const sampler = sampleTree(child.pid ?? -1);
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGINT"), COMMAND_TIMEOUT_MS);
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      const peaks = sampler.stop();
      if (code === 0) resolve({ ms, peaks, stdout: output });
      else
        reject(new Error(`pulumi ${args.join(" ")} in ${dir} exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}

/** Creates both project folders and their stacks on a private backend under `root`. */
export async function createWorkspace(
  root: string,
  cliBin: string,
  emulator: EmulatorHandle,
): Promise<EngineWorkspace> {
  fs.rmSync(root, { recursive: true, force: true });
  const backendDir = path.join(root, "backend");
  const pulumiHome = path.join(root, "home");
  for (const dir of [backendDir, pulumiHome]) fs.mkdirSync(dir, { recursive: true });
  const env = { ...process.env, ...offlineEngineEnv({ cliBin, backendDir, pulumiHome }) };
  const dirs = {
    floor: path.join(root, "floor"),
    shapedFloor: path.join(root, "shaped-floor"),
    ours: path.join(root, "ours"),
  };
  const ws: EngineWorkspace = { root, cliBin, env, dirs };
  for (const variant of VARIANTS) {
    const dir = dirs[variant];
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      `name: bench-${variant.toLowerCase()}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`,
    );
    fs.writeFileSync(path.join(dir, "index.js"), PROGRAMS[variant]);
    await runCli(ws, dir, ["stack", "init"]);
  }
  await runCli(ws, dirs.ours, ["config", "set", "eyeson:endpoint", emulator.url]);
  await runCli(ws, dirs.ours, ["config", "set", "--secret", "eyeson:apiKey", emulator.apiKey]);
  return ws;
}

function counted(routes: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const route of routes) out[route] = (out[route] ?? 0) + 1;
  return out;
}

/**
 * One repetition for one variant at one size: the four operations in order, from an empty stack back to an
 * empty stack. Checks that ours really created and deleted N permalinks, so a broken run cannot pass as fast.
 */
export async function cycle(
  ws: EngineWorkspace,
  variant: Variant,
  n: number,
  emulator: EmulatorHandle,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Record<Operation, OperationRun>> {
  const out: Partial<Record<Operation, OperationRun>> = {};
  for (const op of Object.keys(OPERATIONS) as Operation[]) {
    emulator.requests.clear();
    const run = await runCli(ws, ws.dirs[variant], OPERATIONS[op], { BENCH_N: String(n), ...extraEnv });
    out[op] = {
      ms: run.ms,
      peaks: run.peaks,
      requests: counted(emulator.requests.list().map((r) => r.route)),
    };
    if (variant === "ours") {
      const expected = op === "destroy" ? 0 : n;
      const actual = emulator.store.permalinksOf(emulator.apiKey).length;
      if (actual !== expected) throw new Error(`after ${op} of ${n}: ${actual} permalinks, not ${expected}`);
    }
  }
  return out as Record<Operation, OperationRun>;
}
