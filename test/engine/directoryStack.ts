// A stack of a directory program (a Pulumi.yaml run by `pulumi`, as a user types it) against the emulator, on a
// file backend and a PULUMI_HOME of its own under .work/engine/: the set-up the directory specs share.
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { cliStatus, directoryCli, offlineEngineEnv, type DirectoryCli } from "./harness";

const ROOT = path.resolve(__dirname, "..", "..");

/** Options of {@link directoryStack}. */
export interface DirectoryStackOptions {
  /** Names the run's folder, `.work/engine/<name>-<random>`. */
  readonly name: string;
  /** The stack's name. Default `test-<random>`. */
  readonly stack?: string;
  /** Where `pulumi` runs. Default the run's `project` folder, made by `open`. */
  readonly cwd?: string;
  /**
   * A stack file to start from (e.g. an example's `Pulumi.dev.yaml`), copied by `open` to `stackFile`.
   */
  readonly stackFileFrom?: string;
  /** The folder of the project's stack files (its `stackConfigDir`). Default `cwd`. */
  readonly stackConfigDir?: string;
}

/** What `open` adds to the engine's offline environment. */
export interface DirectoryStackEnv {
  /** Folders put first on PATH (language hosts). */
  readonly path?: readonly string[];
  /** More variables (e.g. the key a command reads from EYESON_API_KEY). */
  readonly vars?: NodeJS.ProcessEnv;
  /** Rewrites the final PATH (e.g. to leave a folder out). Default: as it is. */
  readonly searchPath?: (searchPath: string) => string;
}

/** A directory program's stack; `pulumi` and `ok` run in `cwd` on it, with `env`. */
export interface DirectoryStack extends DirectoryCli {
  readonly stack: string;
  /** The run's folder: `project`, the backend and PULUMI_HOME, all removed by `dispose`. */
  readonly work: string;
  /** `<work>/project`, made by `open`. */
  readonly project: string;
  /** Where `pulumi` runs. */
  readonly cwd: string;
  /** The stack's file, `Pulumi.<stack>.yaml` in the stack config folder: `pulumi config set` writes it. */
  readonly stackFile: string;
  /** The environment of every command, set by `open`; empty before. */
  readonly env: NodeJS.ProcessEnv;
  /** Makes the folders, copies the stack file, and sets `env`: this process's, offline, on the run's backend. */
  open(extra?: DirectoryStackEnv): NodeJS.ProcessEnv;
  /** `pulumi stack init`, then `eyeson:endpoint` and the secret `eyeson:apiKey` (default the emulator's key). */
  init(emulator: { readonly url: string; readonly apiKey: string }, apiKey?: string): Promise<void>;
  /** Removes the stack (once opened), its stack file and the run's folder. Safe to call twice. */
  dispose(): Promise<void>;
}

/** A stack of a directory program, for a spec's `before` (`open`, `init`) and `after` (`dispose`). */
export function directoryStack(opts: DirectoryStackOptions): DirectoryStack {
  const random = randomBytes(3).toString("hex");
  const stack = opts.stack ?? `test-${random}`;
  const work = path.join(ROOT, ".work", "engine", `${opts.name}-${random}`);
  const project = path.join(work, "project");
  const cwd = opts.cwd ?? project;
  const stackFile = path.join(opts.stackConfigDir ?? cwd, `Pulumi.${stack}.yaml`);
  let env: NodeJS.ProcessEnv = {};
  let opened = false;
  const cli = directoryCli({ cwd, stack, env: () => env });
  return {
    ...cli,
    stack,
    work,
    project,
    cwd,
    stackFile,
    get env() {
      return env;
    },
    open(extra = {}) {
      for (const dir of [project, path.join(work, "backend"), path.join(work, "home")]) {
        fs.mkdirSync(dir, { recursive: true });
      }
      if (opts.stackFileFrom !== undefined) fs.copyFileSync(opts.stackFileFrom, stackFile);
      const engineEnv = offlineEngineEnv({
        cliBin: cliStatus().bin ?? "pulumi",
        backendDir: path.join(work, "backend"),
        pulumiHome: path.join(work, "home"),
      });
      const searchPath = [...(extra.path ?? []), engineEnv.PATH].join(path.delimiter);
      env = {
        ...process.env,
        ...engineEnv,
        ...extra.vars,
        PATH: extra.searchPath ? extra.searchPath(searchPath) : searchPath,
      };
      opened = true;
      return env;
    },
    async init(emulator, apiKey = emulator.apiKey) {
      await cli.ok("stack", "init");
      await cli.ok("config", "set", "eyeson:endpoint", emulator.url);
      await cli.ok("config", "set", "--secret", "eyeson:apiKey", apiKey);
    },
    async dispose() {
      if (opened) await cli.pulumi("stack", "rm", "--yes", "--force");
      opened = false;
      fs.rmSync(stackFile, { force: true });
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * The repository's own Pulumi.yaml (it runs the standing-rooms example, whose stack files live in
 * examples/standing-rooms) on a stack of the spec's own, started from the example's dev stack file, so that no
 * tracked stack file is touched.
 */
export function standingRoomsStack(name: string): DirectoryStack {
  const stackConfigDir = path.join(ROOT, "examples", "standing-rooms");
  return directoryStack({
    name,
    cwd: ROOT,
    stackFileFrom: path.join(stackConfigDir, "Pulumi.dev.yaml"),
    stackConfigDir,
  });
}
