// `pulumi-eyeson adopt` followed as a user follows it: run with EYESON_API_KEY and EYESON_API_ENDPOINT set, its
// program saved as index.ts, the commands it printed run in that shell, and then a refresh and a preview in a
// fresh shell without any EYESON_* variable, which must reach the same account (the emulator), not eyeson's.
// Needs `npm run build` (the bin in dist/, and the program imports `pulumi-eyeson`, which resolves to dist/).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { directoryStack } from "./directoryStack";
import { requireCli, type CliRun } from "./harness";

const ROOT = path.resolve(__dirname, "..", "..");
const ADOPT_BIN = path.join(ROOT, "dist", "cli", "index.js");

/** Runs `command` with bash in `cwd`, as typed into a shell with `env`. */
function shell(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile("bash", ["-c", command], { cwd, env, timeout: 300_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe("adopt, then a fresh shell: the commands adopt printed keep the stack on the account it read", function () {
  this.timeout(600_000);
  // The stack is made by the commands adopt prints, in the shell; `dispose` removes it.
  const dir = directoryStack({ name: "adopt-shell", stack: "dev" });
  const { project } = dir;
  let emulator: EmulatorHandle;
  let freshShell: NodeJS.ProcessEnv;
  let adoptShell: NodeJS.ProcessEnv;

  before(async function () {
    requireCli(this);
    emulator = await startEmulator();
    // The engine's offline environment has no EYESON_* variable: that is the fresh shell.
    freshShell = dir.open();
    adoptShell = { ...freshShell, EYESON_API_KEY: emulator.apiKey, EYESON_API_ENDPOINT: emulator.url };
  });
  after(async () => {
    await dir.dispose();
    await emulator?.close();
  });

  it("refreshes and previews clean in a shell without EYESON_API_ENDPOINT", async () => {
    const client = new EyesonClient({
      apiKey: emulator.apiKey,
      endpoint: emulator.url,
      retry: NO_DELAY_RETRY_POLICY,
    });
    await client.createPermalink({ name: "War room", user: { name: "Lead", id: "lead" } });
    await client.registerWebhook({ url: "https://hooks.example.com/eyeson", types: ["room_update"] });
    await client.close();

    const adopted = await shell(`node ${JSON.stringify(ADOPT_BIN)} adopt`, project, adoptShell);
    assert.equal(adopted.code, 0, adopted.stderr);
    fs.writeFileSync(path.join(project, "index.ts"), adopted.stdout);
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: adopted\nruntime: nodejs\n");
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "adopted", main: "index.ts" }),
    );
    fs.writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, module: "commonjs", target: "es2020" },
        files: ["index.ts"],
      }),
    );

    const printed = adopted.stderr.split("Next, in this shell:\n")[1] ?? assert.fail(adopted.stderr);
    const commands = printed
      .split("\n")
      .filter((line) => line.startsWith("  pulumi "))
      .map((line) => line.trim());
    assert.deepEqual(commands, [
      `pulumi config set eyeson:endpoint ${emulator.url}`,
      'pulumi config set --secret eyeson:apiKey "$EYESON_API_KEY"',
      "pulumi up",
    ]);

    assert.equal((await shell("pulumi stack init dev --non-interactive", project, adoptShell)).code, 0);
    for (const command of commands) {
      // As typed, plus what a script adds so that `up` does not ask.
      const typed = command === "pulumi up" ? `${command} --yes --non-interactive` : command;
      const run = await shell(typed, project, adoptShell);
      assert.equal(run.code, 0, `${command}:\n${run.stdout}\n${run.stderr}`);
    }
    assert.equal(emulator.store.permalinksOf(emulator.apiKey).length, 1, "adopted, not created again");

    emulator.requests.clear();
    const refresh = await shell("pulumi refresh --yes --non-interactive", project, freshShell);
    assert.equal(refresh.code, 0, `${refresh.stdout}\n${refresh.stderr}`);
    assert.ok(
      emulator.requests.list().some((r) => r.route === "GET /permalink/:permalinkId"),
      "the refresh read the permalink from the emulator",
    );
    const preview = await shell("pulumi preview --expect-no-changes --non-interactive", project, freshShell);
    assert.equal(preview.code, 0, `${preview.stdout}\n${preview.stderr}`);
  });
});
