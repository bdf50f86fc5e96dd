// Where the engine specs find Pulumi's YAML language host, `pulumi-language-yaml`: in the cache that
// scripts/install-pulumi-yaml.sh builds into, else on PATH. Without it the YAML specs skip, except in CI.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Context } from "mocha";

/** The pulumi-yaml release scripts/install-pulumi-yaml.sh builds. */
export const PINNED_YAML_VERSION = process.env.PULUMI_YAML_VERSION ?? "1.25.0";

/** Whether a YAML language host exists, and the directory holding it. */
export interface YamlHostStatus {
  readonly dir?: string;
  readonly reason?: string;
}

/** Finds `pulumi-language-yaml`: the install script's build first, then PATH. */
export function yamlHostStatus(): YamlHostStatus {
  const cache = path.join(
    process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"),
    "pulumi-eyeson",
    `pulumi-yaml-${PINNED_YAML_VERSION}`,
  );
  const built = path.join(cache, "bin");
  if (isExecutable(path.join(built, "pulumi-language-yaml"))) return { dir: built };
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir !== "" && isExecutable(path.join(dir, "pulumi-language-yaml"))) return { dir };
  }
  return { reason: `no pulumi-language-yaml in ${built} or on PATH` };
}

/** The directory of the YAML language host; skips the suite without one, and fails in CI instead. */
export function requireYamlHost(ctx: Context): string {
  const status = yamlHostStatus();
  if (status.dir !== undefined) return status.dir;
  const hint = "run `bash scripts/install-pulumi-yaml.sh` (it builds it from the Go module proxy)";
  const ci = process.env.CI;
  if (ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false") {
    throw new Error(`CI requires Pulumi's YAML language host for the YAML specs (${status.reason}); ${hint}`);
  }
  console.log(`      skipping the YAML specs: ${status.reason}; ${hint}`);
  ctx.skip();
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
