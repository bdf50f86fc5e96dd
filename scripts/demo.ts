// The project's main job: the example stacks through the real Pulumi engine, against the emulator.
//
//   npm run demo            offline, against a fresh in-memory emulator (the default)
//   npm run demo -- --real  against the eyeson API with EYESON_API_KEY (asks before destroying)
//
// Each step prints the engine's own output, then what the demo checked. It exits 0 only when every
// step behaved as a user would expect.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline/promises";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type EmulatorHandle } from "../emulator";
import { EyesonClient } from "../provider/client";

const root = path.resolve(__dirname, "..");
const real = process.argv.includes("--real");
const workRoot = path.join(root, ".pulumi-eyeson", real ? "demo-real" : "demo");
const passphrase = "pulumi-eyeson-demo";

interface Check {
  readonly step: string;
  readonly what: string;
  readonly ok: boolean;
}
const checks: Check[] = [];

function heading(text: string): void {
  process.stdout.write(`\n\x1b[1m== ${text}\x1b[0m\n`);
}

function check(step: string, what: string, ok: boolean): void {
  checks.push({ step, what, ok });
  process.stdout.write(`   ${ok ? "\x1b[32mok\x1b[0m  " : "\x1b[31mFAIL\x1b[0m"} ${what}\n`);
}

function engineOutput(text: string): void {
  process.stdout.write(text.replace(/^(?=.)/gm, "   | "));
}

/** Builds dist/ (the dynamic providers load `pulumi-eyeson/provider/...` from it) and finds the CLI. */
function prepare(): string {
  heading("Build the provider and provision the Pulumi CLI");
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
  execFileSync(process.execPath, [path.join(root, "scripts", "link-self.js")], { stdio: "inherit" });
  const out = execFileSync("bash", [path.join(root, "scripts", "install-pulumi.sh")], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  const binDir = out.trim().split("\n").pop() ?? "";
  if (!fs.existsSync(path.join(binDir, "pulumi"))) throw new Error(`install-pulumi.sh did not provide a CLI`);
  return binDir;
}

/**
 * Copies an example's project and stack files to a throw-away folder, so config edits stay out of git; its
 * Pulumi.yaml gets a `main` pointing back at the example, so the engine runs the example's own folder.
 */
function projectCopy(example: string): string {
  const source = path.join(root, "examples", example);
  const dir = path.join(workRoot, example);
  fs.mkdirSync(dir, { recursive: true });
  for (const file of fs.readdirSync(source)) {
    if (file.startsWith("Pulumi.")) fs.copyFileSync(path.join(source, file), path.join(dir, file));
  }
  fs.appendFileSync(path.join(dir, "Pulumi.yaml"), `main: ${path.relative(dir, source)}/\n`);
  return dir;
}

/** Opens the example's `dev` stack as a project folder, the way `pulumi up` runs it there. */
async function openStack(
  example: string,
  env: Record<string, string>,
  settings: { endpoint: string; apiKey: string },
): Promise<Stack> {
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "dev", workDir: projectCopy(example) },
    { envVars: env },
  );
  await stack.setConfig("eyeson:endpoint", { value: settings.endpoint });
  await stack.setConfig("eyeson:apiKey", { value: settings.apiKey, secret: true });
  return stack;
}

function changes(summary: Record<string, number> | undefined, kind: string): number {
  return summary?.[kind] ?? 0;
}

function mutatingRequests(emulator: EmulatorHandle | undefined, since: number): string[] {
  if (!emulator) return [];
  return emulator.requests
    .list()
    .slice(since)
    .filter((r) => r.method !== "GET")
    .map((r) => r.route);
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`${question} [y/N] `);
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

async function main(): Promise<void> {
  const started = Date.now();
  const binDir = prepare();
  if (!real) fs.rmSync(workRoot, { recursive: true, force: true });
  fs.mkdirSync(path.join(workRoot, "backend"), { recursive: true });
  fs.mkdirSync(path.join(workRoot, "home"), { recursive: true });

  let emulator: EmulatorHandle | undefined;
  let settings: { endpoint: string; apiKey: string };
  if (real) {
    const apiKey = process.env.EYESON_API_KEY;
    if (!apiKey) throw new Error("--real needs EYESON_API_KEY (the key of your eyeson API project)");
    settings = { endpoint: process.env.EYESON_API_ENDPOINT ?? "https://api.eyeson.team", apiKey };
  } else {
    emulator = await startEmulator({ strict: true });
    settings = { endpoint: emulator.url, apiKey: emulator.apiKey };
    heading(`Emulator listening on ${emulator.url}`);
    process.stdout.write(`   dashboard, to watch the run in a browser: ${emulator.dashboardUrl}\n`);
  }

  const env: Record<string, string> = {
    PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_BACKEND_URL: `file://${path.join(workRoot, "backend")}`,
    PULUMI_HOME: path.join(workRoot, "home"),
    PULUMI_CONFIG_PASSPHRASE: passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
  // The Automation API finds the CLI and asks `pulumi version` with this process's environment: point it at
  // the provisioned CLI and the throw-away home, so nothing is written to ~/.pulumi.
  process.env.PATH = env.PATH;
  process.env.PULUMI_HOME = env.PULUMI_HOME;
  const client = new EyesonClient(settings);

  try {
    const rooms = await openStack("standing-rooms", env, settings);

    heading("pulumi up (standing-rooms, stack dev)");
    const first = await rooms.up({ onOutput: engineOutput });
    const created = changes(first.summary.resourceChanges, "create");
    check("up", `created the stack's resources (${created} incl. the stack)`, created >= 5);
    const ids = (first.outputs.permalinkIds?.value ?? {}) as Record<string, string>;
    check("up", `permalinks exist in eyeson: ${Object.keys(ids).join(", ")}`, await allExist(client, ids));

    heading("pulumi preview (no changes expected)");
    let mark = emulator?.requests.list().length ?? 0;
    const preview = await rooms.preview({ onOutput: engineOutput });
    const changed = Object.entries(preview.changeSummary).filter(([kind, n]) => kind !== "same" && n > 0);
    check("preview", "reports no changes", changed.length === 0);
    const previewWrites = mutatingRequests(emulator, mark);
    check("preview", "sent no request that changes anything", previewWrites.length === 0);

    heading("Change a room option in the stack config, then pulumi up (update in place)");
    const key = "eyeson-standing-rooms:rooms";
    const roomsConfig = JSON.parse((await rooms.getConfig(key)).value) as {
      key: string;
      options?: Record<string, unknown>;
    }[];
    roomsConfig[0].options = { ...roomsConfig[0].options, recordingAvailable: true };
    await rooms.setConfig(key, { value: JSON.stringify(roomsConfig) });
    process.stdout.write(`   set rooms[0].options.recordingAvailable = true (${roomsConfig[0].key})\n`);
    const update = await rooms.up({ onOutput: engineOutput });
    const rc = update.summary.resourceChanges;
    check("update", "updated one resource in place", changes(rc, "update") === 1);
    check(
      "update",
      "replaced, created and deleted nothing",
      !changes(rc, "replace") && !changes(rc, "create") && !changes(rc, "delete"),
    );
    const warRoom = await client.getPermalink(ids[roomsConfig[0].key]);
    check(
      "update",
      "eyeson now has recording available in that room",
      warRoom.options.recordingAvailable === true,
    );

    heading("Delete a room behind Pulumi's back, pulumi refresh, pulumi up");
    const victim = Object.keys(ids).find((k) => k !== roomsConfig[0].key) ?? Object.keys(ids)[0];
    await client.deletePermalink(ids[victim]);
    process.stdout.write(`   deleted permalink '${victim}' directly through the API\n`);
    const refresh = await rooms.refresh({ onOutput: engineOutput });
    check(
      "refresh",
      `noticed '${victim}' is gone and dropped it from the state`,
      changes(refresh.summary.resourceChanges, "delete") === 1,
    );
    const again = await rooms.up({ onOutput: engineOutput });
    check("refresh", "the next up recreated it", changes(again.summary.resourceChanges, "create") === 1);
    const recreatedIds = (again.outputs.permalinkIds?.value ?? {}) as Record<string, string>;
    check("refresh", "the recreated room exists in eyeson", await allExist(client, recreatedIds));

    heading("The situation room (invoke functions, preview-safe)");
    const situation = await openStack("situation-room", env, settings);
    mark = emulator?.requests.list().length ?? 0;
    await situation.preview({ onOutput: engineOutput });
    check("situation", "its preview started nothing", mutatingRequests(emulator, mark).length === 0);
    mark = emulator?.requests.list().length ?? 0;
    const live = await situation.up({ onOutput: engineOutput });
    const effects = mutatingRequests(emulator, mark);
    for (const route of [
      "POST /permalink/:userToken",
      "POST /rooms/:accessKey/layout",
      "POST /rooms/:accessKey/layers",
      "POST /rooms/:accessKey/messages",
      "POST /rooms/:accessKey/recording",
    ]) {
      if (emulator) check("situation", `the room saw ${route}`, effects.includes(route));
    }
    const roomId = String(live.outputs.roomId?.value ?? "");
    const running = await client.listRooms();
    check(
      "situation",
      `the meeting ${roomId} is running`,
      running.some((r) => r.id === roomId),
    );
    check("situation", "its guest link is a secret output", live.outputs.guestLink?.secret === true);

    heading("The situation room again, while its meeting runs (a second pipeline run)");
    mark = emulator?.requests.list().length ?? 0;
    const second = await situation.up({ onOutput: engineOutput });
    const secondEffects = mutatingRequests(emulator, mark);
    check(
      "situation",
      "the second up succeeded and joined the running meeting",
      second.outputs.meetingWas?.value === "joined",
    );
    if (emulator) {
      check(
        "situation",
        "it posted no second chat message",
        !secondEffects.includes("POST /rooms/:accessKey/messages"),
      );
    }
    const secondEffectsOutput = (second.outputs.effects?.value ?? {}) as { recording?: string };
    check(
      "situation",
      "it found the recording already running",
      secondEffectsOutput.recording === "already running",
    );

    heading("pulumi destroy");
    let destroyed = !real;
    if (real) destroyed = await confirm("Destroy the demo's rooms and webhook in your eyeson account?");
    if (destroyed) {
      // A destroy refuses to delete a room while its meeting runs (liveMeetings, README "Protecting production
      // rooms"): stand the situation room down first, as the README says to.
      await situation.setConfig("eyeson-situation-room:standDown", { value: "true" });
      await situation.up({ onOutput: engineOutput });
      const stillRunning = await client.listRooms();
      check("destroy", "the stand-down ended the meeting first", !stillRunning.some((r) => r.id === roomId));
      await situation.destroy({ onOutput: engineOutput });
      const gone = await rooms.destroy({ onOutput: engineOutput });
      check(
        "destroy",
        "deleted every resource",
        changes(gone.summary.resourceChanges, "delete") >= created - 1,
      );
      const left = await client.listPermalinks({ all: true });
      check(
        "destroy",
        "eyeson has no permalink left from the demo",
        left.items.every((p) => !Object.values(recreatedIds).includes(p.permalink.id)),
      );
      check("destroy", "the webhook is gone", (await client.getWebhook()) === null);
    } else {
      process.stdout.write(
        `   kept. Destroy later with:\n   PULUMI_BACKEND_URL=${env.PULUMI_BACKEND_URL} PULUMI_CONFIG_PASSPHRASE=${passphrase} pulumi destroy -s dev -C ${path.join(workRoot, "standing-rooms")}\n`,
      );
    }

    heading("Summary");
    const outputs = await rooms.outputs();
    process.stdout.write(`   resources managed: ${created - 1} (permalinks, hosts, webhook) in stack dev\n`);
    process.stdout.write(
      `   stack outputs now: ${Object.keys(outputs).length === 0 ? "none (destroyed)" : Object.keys(outputs).join(", ")}\n`,
    );
    if (emulator) {
      const served = emulator.requests.list();
      const byRoute = new Map<string, number>();
      for (const r of served) byRoute.set(r.route, (byRoute.get(r.route) ?? 0) + 1);
      process.stdout.write(`   requests the emulator served: ${served.length}\n`);
      for (const [route, n] of [...byRoute].sort((a, b) => b[1] - a[1]))
        process.stdout.write(`     ${String(n).padStart(4)}  ${route}\n`);
    }
  } finally {
    await client.close();
    await emulator?.close();
  }

  const failed = checks.filter((c) => !c.ok);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `\nThe demo took ${seconds} s.\ndemo: ${checks.length - failed.length} passed, ${failed.length} failed\n`,
  );
  if (failed.length > 0) {
    for (const c of failed) process.stdout.write(`   FAIL [${c.step}] ${c.what}\n`);
    process.exitCode = 1;
  }
}

async function allExist(client: EyesonClient, ids: Record<string, string>): Promise<boolean> {
  if (Object.keys(ids).length === 0) return false;
  for (const id of Object.values(ids)) {
    try {
      await client.getPermalink(id);
    } catch {
      return false;
    }
  }
  return true;
}

main().catch((err: unknown) => {
  process.stderr.write(`\ndemo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
