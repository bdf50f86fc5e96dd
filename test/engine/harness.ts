// Runs Pulumi programs through the real engine (the Pulumi CLI) against the emulator, fully offline.
//
// The Node.js language host is not available on our machines, so programs run as Automation API inline
// programs: the CLI drives the engine and calls back into this process to run the program. Dynamic
// providers still run the way users see them: the engine starts `pulumi-resource-pulumi-nodejs`, which loads
// the serialized provider from state in a separate Node process whose working directory is the workspace.
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import type { Context } from "mocha";
import {
  LocalWorkspace,
  PulumiCommand,
  type ConfigMap,
  type DestroyOptions,
  type EngineEvent,
  type OpType,
  type PreviewOptions,
  type RefreshOptions,
  type Stack,
  type UpOptions,
} from "@pulumi/pulumi/automation";
import { offlineEngineEnv } from "../../scripts/engine-env";
import { skipUnlessCi } from "../support/skips";

export { offlineEngineEnv };

/** The oldest CLI whose Automation API runs inline programs for refresh and destroy too (`--client`). */
export const MIN_CLI_VERSION = "3.181.0";
/** The version `scripts/install-pulumi.sh` builds when no suitable CLI is on PATH. */
export const PINNED_CLI_VERSION = process.env.PULUMI_VERSION ?? "3.274.1";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** Workspaces live inside the repo (gitignored) so the dynamic-provider host resolves our packages. */
const ENGINE_RUNS_DIR = path.join(REPO_ROOT, ".work", "engine");
const DEFAULT_OPERATION_TIMEOUT_MS = 180_000;

/** Whether a usable Pulumi CLI exists, where, and why not when it does not. */
export interface CliStatus {
  available: boolean;
  bin?: string;
  version?: string;
  reason?: string;
  /** A CLI is there but `pulumi version` failed: a fault to report, never a reason to skip. */
  broken?: boolean;
}

let cachedStatus: CliStatus | undefined;

/** Finds a Pulumi CLI >= 3.181 on PATH or in the install script's cache directory (memoized). */
export function cliStatus(): CliStatus {
  cachedStatus ??= probeCli();
  return cachedStatus;
}

function probeCli(): CliStatus {
  const candidates = cliCandidates();
  if (candidates.length === 0) {
    return { available: false, reason: "no `pulumi` on PATH or in the install cache" };
  }
  const reasons: string[] = [];
  let broken = false;
  for (const bin of candidates) {
    const probe = cliVersion(bin);
    if ("failure" in probe) {
      broken = true;
      reasons.push(`\`${bin} version\` failed: ${probe.failure}`);
    } else if (compareVersions(probe.version, MIN_CLI_VERSION) < 0) {
      reasons.push(`${bin} is v${probe.version}, older than ${MIN_CLI_VERSION}`);
    } else {
      return { available: true, bin, version: probe.version };
    }
  }
  return { available: false, reason: reasons.join("; "), broken };
}

function cliCandidates(): string[] {
  const found: string[] = [];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir !== "" && isExecutable(path.join(dir, "pulumi"))) {
      found.push(path.join(dir, "pulumi"));
    }
  }
  const cacheRoot = path.join(
    process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"),
    "pulumi-eyeson",
  );
  const cached = path.join(cacheRoot, `pulumi-${PINNED_CLI_VERSION}`, "bin", "pulumi");
  if (isExecutable(cached)) {
    found.push(cached);
  }
  return [...new Set(found.map((p) => fs.realpathSync(p)))];
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

// No time limit: on a loaded machine the first `pulumi version` can take long, and a CLI that is slow is
// still the CLI; a bound here once turned a working CLI into "missing" and its tests into skips.
function cliVersion(bin: string): { version: string } | { failure: string } {
  // `pulumi version` writes a log file under PULUMI_HOME: point it at a throwaway directory, never ~/.pulumi.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-eyeson-version-"));
  try {
    const run = spawnSync(bin, ["version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: "true" },
    });
    if (run.error !== undefined) {
      return { failure: run.error.message };
    }
    const match = /^v?(\d+\.\d+\.\d+)/.exec(run.stdout.trim());
    if (run.status !== 0 || match === null) {
      const said = `${run.stdout}${run.stderr}`.trim().split("\n").slice(-3).join(" / ");
      return { failure: `exit ${run.status ?? run.signal}${said === "" ? "" : `: ${said}`}` };
    }
    return { version: match[1] };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) {
      return d;
    }
  }
  return 0;
}

/**
 * Skips the calling test (or suite, from `before`) without a CLI, failing instead in CI; a CLI that is there
 * but does not run always fails.
 */
export function requireCli(ctx: Context): void {
  const status = cliStatus();
  if (status.available) {
    return;
  }
  if (status.broken) {
    throw new Error(`the Pulumi CLI does not work: ${status.reason}`);
  }
  skipUnlessCi(
    ctx,
    `no Pulumi CLI >= ${MIN_CLI_VERSION} (${status.reason})`,
    "get one with `bash scripts/install-pulumi.sh` and put the directory it prints on PATH",
  );
}

/** A program run by the engine: the inline Automation API function whose return value becomes the outputs. */
export type EngineProgram = () => Promise<Record<string, unknown> | void>;

/** Options of {@link createEngineStack}. */
export interface EngineStackOptions {
  program: EngineProgram;
  /** Set as `eyeson:endpoint`. */
  emulatorUrl: string;
  /** Set as the secret `eyeson:apiKey`. */
  apiKey: string;
  /** More stack config, e.g. `{ "eyeson:foo": { value: "1" } }`. */
  config?: Record<string, { value: string; secret?: boolean }>;
  projectName?: string;
  stackName?: string;
  /** Upper bound for one engine operation; the CLI is interrupted when it is exceeded. */
  operationTimeoutMs?: number;
  /** Put this stack in another stack's backend, so a `StackReference` can read that stack's outputs. */
  backendOf?: EngineStack;
  /** A `Pulumi.<stack>.yaml` to start from (e.g. an example's), copied into the project before the stack is made. */
  stackConfigFile?: string;
  /**
   * Start each CLI command in a process group (and session) of its own, through `setsid`, for a spec that kills
   * a run on purpose: it can then kill the CLI's group without touching its own (see ./processes.ts).
   * Default false.
   */
  ownProcessGroup?: boolean;
}

/** What one engine operation produced, in addition to the Automation API's own result. */
export interface OperationRecord {
  stdout: string;
  stderr: string;
  /** Every engine event of this operation. */
  events: EngineEvent[];
  /** Diagnostics of this operation, as `<severity>: <message>` lines. */
  diagnostics: string[];
  /** The steps the engine announced, e.g. `{ op: "create", type: "pulumi-nodejs:dynamic/eyeson:Permalink" }`. */
  steps: Array<{ op: OpType; urn: string; type: string }>;
}

/** A stack output as read back from the engine. */
export interface StackOutput {
  value: unknown;
  secret: boolean;
}

/** A stack on a private, offline file backend whose operations run through the real engine. */
export interface EngineStack {
  readonly name: string;
  readonly projectName: string;
  /** The directory holding everything of this stack's runs: project, backend, PULUMI_HOME (unless `backendOf`). */
  readonly runDir: string;
  /** The Pulumi project directory (inside the repo's `.work/engine/`). */
  readonly workDir: string;
  /** The file backend's directory and the PULUMI_HOME the stack uses. */
  readonly backendDir: string;
  readonly pulumiHome: string;
  /** The Automation API stack, for anything the helpers below do not cover. */
  readonly stack: Stack;
  up(
    opts?: EngineOptions<UpOptions>,
  ): Promise<OperationRecord & { outputs: Record<string, StackOutput>; summary: unknown }>;
  preview(
    opts?: EngineOptions<PreviewOptions>,
  ): Promise<OperationRecord & { changeSummary: Record<string, number> }>;
  refresh(opts?: EngineOptions<RefreshOptions>): Promise<OperationRecord & { summary: unknown }>;
  destroy(opts?: EngineOptions<DestroyOptions>): Promise<OperationRecord & { summary: unknown }>;
  /** The current stack outputs (secrets decrypted, flagged by `secret`). */
  outputs(): Promise<Record<string, StackOutput>>;
  /** `pulumi stack export`: the deployment as stored, secrets still encrypted unless `showSecrets`. */
  exportState(opts?: { showSecrets?: boolean }): Promise<Deployment>;
  setProgram(program: EngineProgram): void;
  setConfig(key: string, value: string, secret?: boolean): Promise<void>;
  /** All diagnostics collected so far, as `<severity>: <message>` lines. */
  readonly diagnostics: string[];
  /** All engine events collected so far. */
  readonly events: EngineEvent[];
  /** Removes the stack, its backend and its PULUMI_HOME. Safe to call twice. */
  dispose(): Promise<void>;
}

/** Options of an engine operation other than the hooks the harness sets (events, output, timeout, colour). */
export type EngineOptions<T> = Omit<T, "onEvent" | "onOutput" | "signal" | "color" | "program">;

/** The parts of `pulumi stack export` output the specs look at. */
export interface Deployment {
  version: number;
  deployment: {
    secrets_providers?: { type: string; state?: unknown };
    resources?: DeployedResource[];
  };
}

/** One resource in an exported deployment. */
export interface DeployedResource {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  additionalSecretOutputs?: string[];
}

/** Creates a stack whose operations run `program` through the engine, configured for the emulator. */
export async function createEngineStack(opts: EngineStackOptions): Promise<EngineStack> {
  const status = cliStatus();
  if (!status.available || status.bin === undefined) {
    throw new Error(`no usable Pulumi CLI: ${status.reason}; call requireCli(this) in before()`);
  }
  const cliBin = status.bin;
  const projectName = opts.projectName ?? "eyeson-engine-test";
  const stackName = opts.stackName ?? "test";
  const timeoutMs = opts.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS;

  const root = path.join(ENGINE_RUNS_DIR, `${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`);
  const workDir = path.join(root, "project");
  const backendDir = opts.backendOf?.backendDir ?? path.join(root, "backend");
  const pulumiHome = opts.backendOf?.pulumiHome ?? path.join(root, "home");
  for (const dir of [workDir, backendDir, pulumiHome]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  if (opts.stackConfigFile !== undefined) {
    fs.copyFileSync(opts.stackConfigFile, path.join(workDir, `Pulumi.${stackName}.yaml`));
  }
  const backendUrl = `file://${backendDir}`;
  const envVars = offlineEngineEnv({ cliBin, backendDir, pulumiHome });
  const searchPath = envVars.PATH as string;

  let disposed = false;
  const cleanup = (): void => fs.rmSync(root, { recursive: true, force: true });
  try {
    const pulumiCommand = await withProcessEnv({ PULUMI_HOME: pulumiHome, PATH: searchPath }, () =>
      PulumiCommand.get(
        opts.ownProcessGroup
          ? { root: setsidWrapper(root, cliBin) }
          : path.basename(path.dirname(cliBin)) === "bin"
            ? { root: path.dirname(path.dirname(cliBin)) }
            : {},
      ),
    );
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName, projectName, program: opts.program },
      {
        workDir,
        pulumiHome,
        pulumiCommand,
        // The Automation API types envVars as strings only; undefined entries are deliberate (see above).
        envVars: envVars as Record<string, string>,
        projectSettings: { name: projectName, runtime: "nodejs", backend: { url: backendUrl } },
      },
    );
    const config: ConfigMap = {
      "eyeson:endpoint": { value: opts.emulatorUrl },
      "eyeson:apiKey": { value: opts.apiKey, secret: true },
      ...opts.config,
    };
    await stack.setAllConfig(config);

    const diagnostics: string[] = [];
    const events: EngineEvent[] = [];

    const record = async <R extends { stdout: string; stderr: string }>(
      run: (hooks: {
        onEvent: (e: EngineEvent) => void;
        onOutput: (s: string) => void;
        signal: AbortSignal;
        color: "never";
      }) => Promise<R>,
    ): Promise<R & OperationRecord> => {
      const opEvents: EngineEvent[] = [];
      const opDiagnostics: string[] = [];
      const onEvent = (e: EngineEvent): void => {
        opEvents.push(e);
        events.push(e);
        const d = e.diagnosticEvent;
        // Debug diagnostics (RPC traces, serialized closures) stay in `events`; they drown real messages.
        if (d && d.severity !== ("debug" as string)) {
          const line = `${d.severity}: ${stripColor(d.message).trim()}`;
          opDiagnostics.push(line);
          diagnostics.push(line);
        }
      };
      let result: R;
      try {
        result = await run({
          onEvent,
          onOutput: () => undefined,
          signal: AbortSignal.timeout(timeoutMs),
          color: "never",
        });
      } catch (err) {
        // The CLI's own message plus the engine's diagnostics is what a failing spec needs to show.
        if (err instanceof Error && opDiagnostics.length > 0) {
          err.message += `\nengine diagnostics:\n  ${opDiagnostics.join("\n  ")}`;
        }
        throw err;
      }
      const steps = opEvents.flatMap((e) =>
        e.resourcePreEvent
          ? [
              {
                op: e.resourcePreEvent.metadata.op,
                urn: e.resourcePreEvent.metadata.urn,
                type: e.resourcePreEvent.metadata.type,
              },
            ]
          : [],
      );
      return { ...result, events: opEvents, diagnostics: opDiagnostics, steps };
    };

    const engineStack: EngineStack = {
      name: stackName,
      projectName,
      runDir: root,
      workDir,
      backendDir,
      pulumiHome,
      stack,
      diagnostics,
      events,
      async up(upOpts) {
        return record((hooks) => stack.up({ ...upOpts, ...hooks }));
      },
      async preview(previewOpts) {
        return record((hooks) => stack.preview({ ...previewOpts, ...hooks }));
      },
      async refresh(refreshOpts) {
        return record((hooks) => stack.refresh({ ...refreshOpts, ...hooks }));
      },
      async destroy(destroyOpts) {
        return record((hooks) => stack.destroy({ ...destroyOpts, ...hooks }));
      },
      outputs: () => stack.outputs(),
      async exportState(exportOpts) {
        // Workspace.exportStack always passes --show-secrets; run the CLI directly to see state as stored.
        const args = ["stack", "export", "--stack", stackName, "--non-interactive"];
        if (exportOpts?.showSecrets) {
          args.push("--show-secrets");
        }
        const stdout = await runCli(cliBin, args, workDir, envVars, timeoutMs);
        return JSON.parse(stdout) as Deployment;
      },
      setProgram(program) {
        stack.workspace.program = program;
      },
      async setConfig(key, value, secret = false) {
        await stack.setConfig(key, { value, secret });
      },
      async dispose() {
        if (disposed) {
          return;
        }
        disposed = true;
        try {
          await stack.workspace.removeStack(stackName, { force: true });
        } finally {
          cleanup();
        }
      },
    };
    return engineStack;
  } catch (err) {
    cleanup();
    throw err;
  }
}

/**
 * A `<dir>/cli/bin/pulumi` that execs the CLI through `setsid`, as the root of a `PulumiCommand`. `setsid` forks
 * only when its caller leads a process group, which a child of Node never does: the CLI keeps the pid the
 * Automation API waits on, and leads a group of its own. The engine still finds its bundled plugins beside the
 * real binary, which is what runs.
 */
function setsidWrapper(dir: string, cliBin: string): string {
  const root = path.join(dir, "cli");
  fs.mkdirSync(path.join(root, "bin"), { recursive: true });
  const wrapper = path.join(root, "bin", "pulumi");
  fs.writeFileSync(wrapper, `#!/bin/sh\nexec setsid ${JSON.stringify(cliBin)} "$@"\n`, { mode: 0o755 });
  return root;
}

/** Removes every leftover engine workspace (e.g. after a crashed run). */
export function removeEngineRuns(): void {
  fs.rmSync(ENGINE_RUNS_DIR, { recursive: true, force: true });
}

/** The emulator's request log as `METHOD /route` lines, in order (control routes excluded by the emulator). */
export function apiRequests(emulator: {
  requests: { list(): ReadonlyArray<{ method: string; route: string }> };
}): string[] {
  return emulator.requests.list().map((r) => r.route);
}

/** The API requests that change something (everything but GET), as `METHOD /route`. */
export function apiWrites(emulator: Parameters<typeof apiRequests>[0]): string[] {
  return apiRequests(emulator).filter((r) => !r.startsWith("GET "));
}

/** The resources of a deployment of the given type (e.g. `pulumi-nodejs:dynamic/eyeson:Permalink`). */
export function resourcesOfType(state: Deployment, type: string): DeployedResource[] {
  return (state.deployment.resources ?? []).filter((r) => r.type === type);
}

// PulumiCommand.get runs `pulumi version` with the test process's environment; it must not log to ~/.pulumi.
async function withProcessEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) {
        delete process.env[k];
      } else {
        process.env[k] = v;
      }
    }
  }
}

/** What one `pulumi` command printed, and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The `pulumi` command for a spec that runs a program from its directory, as a user types it. */
export interface DirectoryCli {
  /** `pulumi <args> --non-interactive --stack <stack>`; resolves whatever the exit code. */
  pulumi(...args: string[]): Promise<CliRun>;
  /** The same, failing the spec with both outputs unless the command exits 0. */
  ok(...args: string[]): Promise<CliRun>;
}

/**
 * The `pulumi` command in `cwd` on one stack, for specs that run a directory program rather than an inline one.
 * `env` is called for each command, because specs build the environment in `before`.
 */
export function directoryCli(opts: {
  cwd: string;
  stack: string;
  env: () => NodeJS.ProcessEnv;
}): DirectoryCli {
  const pulumi = (...args: string[]): Promise<CliRun> =>
    new Promise((resolve) => {
      execFile(
        cliStatus().bin ?? "pulumi",
        [...args, "--non-interactive", "--stack", opts.stack],
        {
          cwd: opts.cwd,
          env: opts.env(),
          timeout: DEFAULT_OPERATION_TIMEOUT_MS,
          maxBuffer: 16 * 1024 * 1024,
        },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  const ok = async (...args: string[]): Promise<CliRun> => {
    const run = await pulumi(...args);
    assert.equal(run.code, 0, `pulumi ${args.join(" ")} failed:\n${run.stdout}\n${run.stderr}`);
    return run;
  };
  return { pulumi, ok };
}

function runCli(
  bin: string,
  args: string[],
  cwd: string,
  envVars: Record<string, string | undefined>,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      args,
      { cwd, env: { ...process.env, ...envVars }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`pulumi ${args.slice(0, 2).join(" ")} failed: ${err.message}\n${stderr}`));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

function stripColor(text: string): string {
  // Engine messages may carry Pulumi colour tags (`<{%reset%}>`) or ANSI escapes.
  return text.replace(/<\{%[^%]*%\}>/g, "").replace(/\u001b\[[0-9;]*m/g, "");
}
