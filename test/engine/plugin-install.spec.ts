// The plugin installed the Pulumi way: `pulumi-eyeson plugin-archive` makes the archive from the package,
// `pulumi plugin install resource eyeson <version> --file <archive>` (the command it prints) puts it into the
// plugin cache, and the README's YAML program runs through it with nothing named pulumi-resource-eyeson on
// PATH, so the engine prints no "using pulumi-resource-eyeson from $PATH" warning.
// Needs `npm run build`, `tar`, and the YAML language host (scripts/install-pulumi-yaml.sh).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { directoryStack } from "./directoryStack";
import { cliStatus, requireCli, type CliRun } from "./harness";
import { requireYamlHost } from "./languageHosts";
import { readmeProgram } from "./readmeYaml";

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "dist", "cli", "index.js");
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string })
  .version;

function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** PATH without any folder that holds a `pulumi-resource-eyeson` (the specs' own launcher, node_modules/.bin). */
function withoutPluginOnPath(searchPath: string): string {
  return searchPath
    .split(path.delimiter)
    .filter((dir) => dir !== "" && !fs.existsSync(path.join(dir, "pulumi-resource-eyeson")))
    .join(path.delimiter);
}

describe("the plugin installed from its archive into Pulumi's plugin cache", function () {
  this.timeout(600_000);
  const dir = directoryStack({ name: "plugin-install" });
  const { work, project, ok } = dir;
  let emulator: EmulatorHandle;
  let env: NodeJS.ProcessEnv;

  before(async function () {
    requireCli(this);
    const yamlHost = requireYamlHost(this);
    emulator = await startEmulator();
    env = dir.open({ path: [yamlHost], searchPath: withoutPluginOnPath });
  });

  after(async () => {
    await dir.dispose();
    await emulator?.close();
  });

  it("makes the archive and prints the command that installs it, which works", async () => {
    const made = await run(process.execPath, [CLI, "plugin-archive", "--out", work], env);
    assert.equal(made.code, 0, made.stderr);
    const archive = path.join(work, `pulumi-resource-eyeson-v${VERSION}-linux-amd64.tar.gz`);
    if (process.platform === "linux" && process.arch === "x64") assert.equal(made.stdout.trim(), archive);
    const install = /^ {2}(pulumi plugin install resource eyeson \S+ --file \S+)$/m.exec(made.stderr);
    assert.ok(install, `the install command is printed:\n${made.stderr}`);
    assert.equal(install[1], `pulumi plugin install resource eyeson ${VERSION} --file ${made.stdout.trim()}`);
    const [, ...args] = install[1].split(" ");
    const installed = await run(cliStatus().bin ?? "pulumi", args, env);
    assert.equal(installed.code, 0, installed.stdout + installed.stderr);
    const listed = await run(cliStatus().bin ?? "pulumi", ["plugin", "ls", "--json"], env);
    const plugins = JSON.parse(listed.stdout) as Array<{ name: string; kind: string; version: string }>;
    assert.ok(
      plugins.some((p) => p.name === "eyeson" && p.kind === "resource" && p.version === VERSION),
      listed.stdout,
    );
  });

  it("runs the README's YAML program through the installed plugin, with no warning about $PATH", async () => {
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), YAML.stringify(readmeProgram()));
    await dir.init(emulator);
    const printed: string[] = [];
    for (const command of [
      ["up", "--yes"],
      ["preview", "--expect-no-changes"],
      ["destroy", "--yes"],
    ]) {
      const done = await ok(...command);
      printed.push(done.stdout, done.stderr);
      if (command[0] === "up") {
        assert.equal(emulator.store.permalinksOf(emulator.apiKey).length, 1, "the room was created");
      }
    }
    // (The specs' YAML language host comes from PATH and says so; the plugin must not.)
    assert.doesNotMatch(printed.join("\n"), /using pulumi-resource-eyeson from \$PATH/);
    assert.match(printed.join("\n"), /4 created/);
    assert.deepEqual(emulator.store.permalinksOf(emulator.apiKey), [], "destroyed");
  });
});
