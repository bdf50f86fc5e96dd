// The Pulumi CLI the benchmark runs: provisioned by scripts/install-pulumi.sh, and, when its Node.js language
// host is the project's stand-in, given this checkout's copy of it. The install cache is shared by every
// checkout on a machine and each `install-pulumi.sh` run refreshes the stand-in there, so the benchmark links
// the CLI into a folder of its own beside this checkout's stand-in; the engine looks for its bundled language
// host next to the running executable.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const STAND_IN = path.join(ROOT, "scripts", "language-host");

/** The CLI to run, its version, and which Node.js language host it starts programs with. */
export interface BenchCli {
  readonly bin: string;
  readonly version: string;
  readonly languageHost: "stand-in (this checkout)" | "Pulumi's";
}

/** Provisions the CLI; `workDir` receives the private folder when the stand-in is in use. */
export function provisionCli(workDir: string): BenchCli {
  const out = execFileSync("bash", [path.join(ROOT, "scripts", "install-pulumi.sh")], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const binDir = out.trim().split("\n").pop() ?? "";
  const cli = path.join(binDir, "pulumi");
  if (!fs.existsSync(cli)) throw new Error("scripts/install-pulumi.sh did not provide a CLI");
  // Every pulumi command writes a log under PULUMI_HOME (default ~/.pulumi): use a throwaway one.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-eyeson-bench-"));
  let version: string;
  try {
    version = execFileSync(cli, ["version"], {
      encoding: "utf8",
      env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_HOME: home },
    }).trim();
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
  const host = path.join(binDir, "pulumi-language-nodejs");
  const isStandIn = fs.existsSync(host) && fs.readFileSync(host, "utf8").startsWith("#!");
  if (!isStandIn) return { bin: cli, version, languageHost: "Pulumi's" };

  const own = path.join(workDir, "bin");
  fs.rmSync(own, { recursive: true, force: true });
  fs.mkdirSync(own, { recursive: true });
  try {
    fs.linkSync(fs.realpathSync(cli), path.join(own, "pulumi"));
  } catch {
    return { bin: cli, version, languageHost: "Pulumi's" }; // another file system: use the cache as it is
  }
  // Every file of the stand-in: its modules (stack-traces.js, run-plugin.js, …) are required beside it.
  for (const file of fs.readdirSync(STAND_IN)) {
    fs.copyFileSync(path.join(STAND_IN, file), path.join(own, file));
  }
  fs.chmodSync(path.join(own, "pulumi-language-nodejs"), 0o755);
  const launcher = path.join(binDir, "pulumi-resource-pulumi-nodejs");
  if (fs.existsSync(launcher)) {
    fs.copyFileSync(launcher, path.join(own, "pulumi-resource-pulumi-nodejs"));
    fs.chmodSync(path.join(own, "pulumi-resource-pulumi-nodejs"), 0o755);
  }
  return { bin: path.join(own, "pulumi"), version, languageHost: "stand-in (this checkout)" };
}
