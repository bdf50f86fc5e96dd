/**
 * `pulumi-eyeson plugin-archive`: makes, from the installed npm package, the archive that
 * `pulumi plugin install resource eyeson <version> --file <archive>` installs into Pulumi's plugin cache, so
 * the engine runs `pulumi-resource-eyeson` the way it runs any provider, with no "using … from $PATH" warning.
 *
 * The archive is self-contained: the package's shipped files and every package it needs at run time
 * (dependencies, required peers, their dependencies), laid out as an npm install, and a launcher,
 * `pulumi-resource-eyeson`, that starts the plugin with the `node` on PATH. It is independent of the folder it
 * was made from, which can be removed afterwards.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot, packageVersion } from "../plugin/package";
import { HELP, parseFlags, runCommand } from "./command";
import { EXIT, type CommandIo, type ExitCode } from "./io";

/** The usage text of `plugin-archive`. */
export const PLUGIN_ARCHIVE_USAGE = `Usage: pulumi-eyeson plugin-archive [--out <dir>]

Writes pulumi-resource-eyeson-v<version>-<os>-<arch>.tar.gz (into the current folder, or --out) from this
installed package, and prints the command that installs it into Pulumi's plugin cache:
  pulumi plugin install resource eyeson <version> --file <archive>

Options:
  --out <dir>   folder to write the archive to (default: the current folder)
  --help        show this help`;

/** The launcher at the archive's root: the engine runs it from the plugin's folder in the cache. */
const LAUNCHER = `#!/bin/sh
# pulumi-resource-eyeson, as installed by \`pulumi plugin install resource eyeson <version> --file <archive>\`.
exec node "$(dirname "$0")/node_modules/pulumi-eyeson/dist/plugin/main.js" "$@"
`;

/** The archive's file name for this package version on this machine, as Pulumi names plugin archives. */
export function pluginArchiveName(version: string, platform: string, arch: string): string {
  const osName = platform === "win32" ? "windows" : platform;
  const archName = arch === "x64" ? "amd64" : arch;
  return `pulumi-resource-eyeson-v${version}-${osName}-${archName}.tar.gz`;
}

/** Runs `plugin-archive`: writes the archive and prints its path (stdout) and the install command (stderr). */
export async function runPluginArchive(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  return runCommand(
    io,
    PLUGIN_ARCHIVE_USAGE,
    () => {
      const flags = parseFlags(argv, { values: ["--out"], switches: [] });
      return flags.switches.has("--help") ? HELP : path.resolve(flags.values.get("--out") ?? ".");
    },
    (out) => writePluginArchive(out, io),
  );
}

/** `plugin-archive` with the folder to write to read from `--out`. */
async function writePluginArchive(out: string, io: CommandIo): Promise<ExitCode> {
  if (process.platform === "win32") {
    io.stderr(
      "plugin-archive makes a launcher for Linux and macOS; on Windows, put pulumi-resource-eyeson on PATH\n",
    );
    return EXIT.failed;
  }
  const root = packageRoot(__dirname);
  const version = packageVersion(root);
  const archive = path.join(out, pluginArchiveName(version, process.platform, process.arch));
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-eyeson-plugin-"));
  try {
    const packages = stagePlugin(root, stage);
    fs.mkdirSync(out, { recursive: true });
    await tar(["-czf", archive, "-C", stage, "."]);
    io.stdout(`${archive}\n`);
    io.stderr(
      `Wrote ${path.basename(archive)} (pulumi-eyeson ${version} and ${packages} packages it needs). Install it with:\n` +
        `  pulumi plugin install resource eyeson ${version} --file ${archive}\n`,
    );
    return EXIT.ok;
  } catch (err) {
    io.stderr(`pulumi-eyeson plugin-archive failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.failed;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * Lays the plugin out in `stage`: the launcher, the package's shipped files (its `files` list) and each package
 * it needs at run time, each at the place npm put it relative to the package's `node_modules`. Returns how many
 * packages were copied besides pulumi-eyeson.
 */
export function stagePlugin(root: string, stage: string): number {
  const manifest = readManifest(root);
  const target = path.join(stage, "node_modules", "pulumi-eyeson");
  fs.mkdirSync(target, { recursive: true });
  for (const entry of ["package.json", ...(manifest.files ?? [])]) {
    const from = path.join(root, entry);
    if (fs.existsSync(from))
      fs.cpSync(from, path.join(target, entry), { recursive: true, dereference: true });
  }
  const modules = fs.realpathSync(nodeModulesOf(root));
  const copied = new Set<string>();
  for (const dir of runtimeClosure(root, manifest)) {
    const relative = path.relative(modules, dir);
    // A package npm installed above the project's node_modules is put at the top of the archive's.
    const at = relative.startsWith("..") ? packageName(dir) : relative;
    if (copied.has(at)) continue;
    copied.add(at);
    fs.cpSync(dir, path.join(stage, "node_modules", at), {
      recursive: true,
      dereference: true,
      // Nested installs are copied as packages of their own, only when something needs them.
      filter: (src) => !path.relative(dir, src).split(path.sep).includes("node_modules"),
    });
  }
  fs.writeFileSync(path.join(stage, "pulumi-resource-eyeson"), LAUNCHER, { mode: 0o755 });
  return copied.size;
}

interface Manifest {
  readonly name?: string;
  readonly files?: readonly string[];
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;
}

/** The `node_modules` folder the package's own dependencies are installed in. */
function nodeModulesOf(root: string): string {
  const parent = path.dirname(root);
  const scopeParent = path.dirname(parent);
  if (path.basename(parent) === "node_modules") return parent;
  if (path.basename(scopeParent) === "node_modules" && path.basename(parent).startsWith("@"))
    return scopeParent;
  return path.join(root, "node_modules");
}

/**
 * The folders of every package the plugin needs when it runs: dependencies and required peers of the package,
 * and the dependencies (optional ones where installed) and required peers of each of those, found as Node finds
 * them, walking up from the package that needs them.
 */
function runtimeClosure(root: string, manifest: Manifest): string[] {
  const found = new Map<string, true>();
  const queue: Array<{ name: string; from: string; optional: boolean }> = [];
  const enqueue = (dir: string, pkg: Manifest): void => {
    for (const name of Object.keys(pkg.dependencies ?? {})) queue.push({ name, from: dir, optional: false });
    for (const name of Object.keys(pkg.optionalDependencies ?? {}))
      queue.push({ name, from: dir, optional: true });
    for (const name of Object.keys(pkg.peerDependencies ?? {})) {
      if (pkg.peerDependenciesMeta?.[name]?.optional !== true)
        queue.push({ name, from: dir, optional: false });
    }
  };
  enqueue(root, manifest);
  while (queue.length > 0) {
    const next = queue.shift() as { name: string; from: string; optional: boolean };
    const dir = findPackage(next.name, next.from);
    if (dir === undefined) {
      if (next.optional) continue;
      throw new Error(`${next.name}, needed by ${next.from}, is not installed; run npm install first`);
    }
    if (found.has(dir)) continue;
    found.set(dir, true);
    enqueue(dir, readManifest(dir));
  }
  return [...found.keys()];
}

/** Where Node's resolution finds package `name` from folder `from` (not through `exports`: the folder itself). */
function findPackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

function packageName(dir: string): string {
  return readManifest(dir).name ?? path.basename(dir);
}

function tar(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile("tar", args, (err, _stdout, stderr) =>
      err ? reject(new Error(`tar ${args[0]} failed: ${stderr.trim() || err.message}`)) : resolve(),
    );
  });
}
