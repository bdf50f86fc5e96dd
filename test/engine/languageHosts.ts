// Where the engine specs find the language hosts they need besides the CLI: Pulumi's YAML language host
// (scripts/install-pulumi-yaml.sh), the code generation hosts for `pulumi package gen-sdk`
// (scripts/install-codegen-host.sh) and the Python language host (scripts/install-python-host.sh), each in the cache its script builds into, else on PATH. Without one, the
// specs that need it skip, except in CI, where they fail and say which script provides it.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Context } from "mocha";
import { skipUnlessCi } from "../support/skips";

/** The pulumi-yaml release scripts/install-pulumi-yaml.sh builds. */
export const PINNED_YAML_VERSION = process.env.PULUMI_YAML_VERSION ?? "1.25.0";
/** The pulumi pkg/v3 release scripts/install-codegen-host.sh builds the code generation hosts with. */
export const CODEGEN_PKG_VERSION = "3.206.0";
/** The release of the `pulumi` package from PyPI that scripts/install-python-host.sh installs. */
export const PINNED_PULUMI_PYTHON_VERSION = process.env.PULUMI_PYTHON_VERSION ?? "3.272.0";

/** The directory holding a language host, or why there is none. */
export interface HostStatus {
  readonly dir?: string;
  readonly reason?: string;
}

/** Finds `pulumi-language-yaml`: the install script's build first, then PATH. */
export function yamlHostStatus(): HostStatus {
  return find("pulumi-language-yaml", `pulumi-yaml-${PINNED_YAML_VERSION}`);
}

/** Finds `pulumi-language-python` (with `-go` and `-dotnet` beside it): the install script's build, then PATH. */
export function codegenHostStatus(): HostStatus {
  return find("pulumi-language-python", `codegen-host-${CODEGEN_PKG_VERSION}`);
}

/**
 * Finds the `pulumi-language-python` that runs programs, with `python` (its environment's interpreter) beside
 * it, in the install script's build only: on PATH that name may be the code generation host, which cannot run
 * a program, and the specs need the interpreter that holds the `pulumi` package too.
 */
export function pythonHostStatus(): HostStatus {
  const built = cacheBin(`python-host-${PINNED_PULUMI_PYTHON_VERSION}`);
  const missing = ["pulumi-language-python", "python"].filter(
    (name) => !isExecutable(path.join(built, name)),
  );
  return missing.length === 0 ? { dir: built } : { reason: `no ${missing.join(" or ")} in ${built}` };
}

/** The directory of the YAML language host; skips the suite without one, and fails in CI instead. */
export function requireYamlHost(ctx: Context): string {
  return required(ctx, yamlHostStatus(), "Pulumi's YAML language host", "scripts/install-pulumi-yaml.sh");
}

/** The directory of the code generation hosts; skips the suite without them, and fails in CI instead. */
export function requireCodegenHosts(ctx: Context): string {
  return required(ctx, codegenHostStatus(), "the code generation hosts", "scripts/install-codegen-host.sh");
}

/** The directory of the Python language host; skips the suite without it, and fails in CI instead. */
export function requirePythonHost(ctx: Context): string {
  return required(
    ctx,
    pythonHostStatus(),
    "Python language host",
    "scripts/install-python-host.sh",
    "it installs Pulumi's Python SDK from PyPI into a virtual environment",
  );
}

/** The `bin` folder of one install script's build in the cache, as the scripts name it. */
function cacheBin(cacheName: string): string {
  const cacheRoot = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache");
  return path.join(cacheRoot, "pulumi-eyeson", cacheName, "bin");
}

function find(executable: string, cacheName: string): HostStatus {
  const built = cacheBin(cacheName);
  if (isExecutable(path.join(built, executable))) return { dir: built };
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir !== "" && isExecutable(path.join(dir, executable))) return { dir };
  }
  return { reason: `no ${executable} in ${built} or on PATH` };
}

function required(
  ctx: Context,
  status: HostStatus,
  what: string,
  script: string,
  how = "it builds it from the Go module proxy",
): string {
  if (status.dir !== undefined) return status.dir;
  return skipUnlessCi(ctx, `no ${what} (${status.reason})`, `run \`bash ${script}\` (${how})`);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
