// `pulumi-eyeson preflight` on the plan of a real `pulumi preview --json`, against a strict emulator, for the
// dynamic resources (a Node.js program) and the plugin (a Pulumi YAML program): a stack with two rooms, a host and
// the webhook. A preview cannot warn about a removal (the engine calls no provider for it), and `up` refuses room
// by room; preflight reads each affected room once and refuses the whole run before `up`. With no meeting it
// exits 0 and names only the replaced room (its links change); with a meeting running in one room and both
// rooms removed, `pulumi preview --json | npx pulumi-eyeson preflight` names that room only, exits 1, and
// nothing was written; `EYESON_LIVE_MEETINGS=allow` lets it through.
// Needs `npm run build` (the CLI runs from dist/) and, for the plugin, the YAML language host.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Context } from "mocha";
import YAML from "yaml";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { directoryStack } from "./directoryStack";
import { apiRequests, apiWrites, requireCli, type CliRun } from "./harness";
import { requireYamlHost } from "./languageHosts";

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "dist", "cli", "index.js");
const API_KEY = "emu_preflight_account_0123456789";
const OTHER_KEY = "emu_preflight_other_account_0123";

/** What a program declares: whether each room is declared, and the war room's first host. */
interface Declared {
  readonly warRoom: boolean;
  readonly standup: boolean;
  readonly firstHost?: string;
  /** `liveMeetings` on the war room and its host. */
  readonly liveMeetings?: "allow";
}

/** A way to use the resources, with the program files that declare `d`. */
interface Flavour {
  readonly name: string;
  /** Checks what the flavour needs; answers directories to put first on PATH. */
  prepare(ctx: Context): string[];
  files(d: Declared): Record<string, string>;
}

const WEBHOOK = { url: "https://hooks.example.com/eyeson/incidents", types: ["room_update"] };

const FLAVOURS: readonly Flavour[] = [
  {
    name: "plugin, Pulumi YAML",
    prepare: (ctx) => [requireYamlHost(ctx)],
    files(d) {
      const resources: Record<string, unknown> = {};
      if (d.warRoom) {
        resources["war-room"] = {
          type: "eyeson:index:Permalink",
          properties: {
            name: "War room",
            user: { name: d.firstHost ?? "Primary on-call", id: "oncall" },
            liveMeetings: d.liveMeetings,
          },
        };
        resources.deputy = {
          type: "eyeson:index:PermalinkHost",
          properties: {
            permalinkId: "${war-room.id}",
            user: { name: "Deputy", id: "deputy" },
            liveMeetings: d.liveMeetings,
          },
        };
      }
      if (d.standup) {
        resources.standup = {
          type: "eyeson:index:Permalink",
          properties: { name: "Standup", user: { name: "Team lead", id: "lead" } },
        };
      }
      resources.incidents = { type: "eyeson:index:Webhook", properties: WEBHOOK };
      return { "Pulumi.yaml": YAML.stringify({ name: "eyeson-preflight", runtime: "yaml", resources }) };
    },
  },
  {
    name: "dynamic resources, Node.js",
    prepare: () => [],
    files(d) {
      const lines = [`const eyeson = require("pulumi-eyeson");`];
      if (d.warRoom) {
        const user = JSON.stringify({ name: d.firstHost ?? "Primary on-call", id: "oncall" });
        const live = JSON.stringify(d.liveMeetings);
        lines.push(
          `const warRoom = new eyeson.Permalink("war-room", { name: "War room", user: ${user}, liveMeetings: ${live} });`,
          `new eyeson.PermalinkHost("deputy", { permalink: warRoom, user: { name: "Deputy", id: "deputy" }, liveMeetings: ${live} });`,
        );
      }
      if (d.standup) {
        lines.push(
          `new eyeson.Permalink("standup", { name: "Standup", user: { name: "Team lead", id: "lead" } });`,
        );
      }
      lines.push(`new eyeson.Webhook("incidents", ${JSON.stringify(WEBHOOK)});`);
      return {
        "Pulumi.yaml": YAML.stringify({ name: "eyeson-preflight", runtime: "nodejs" }),
        // Without a package.json of its own, the program would be the repository's (the package's main).
        "package.json": JSON.stringify({ name: "eyeson-preflight", main: "index.js" }),
        "index.js": `${lines.join("\n")}\n`,
      };
    },
  },
];

/** `09:12 UTC`, as the messages write a start of today. */
function clock(iso: string): string {
  return `${new Date(iso).toISOString().slice(11, 16)} UTC`;
}

for (const flavour of FLAVOURS) {
  describe(`pulumi-eyeson preflight on a real preview plan (${flavour.name})`, function () {
    this.timeout(600_000);
    const dir = directoryStack({ name: "preflight" });
    const { stack, project, ok } = dir;
    let emulator: EmulatorHandle;
    let client: EyesonClient;
    let env: NodeJS.ProcessEnv;

    function declare(d: Declared): void {
      for (const [file, content] of Object.entries(flavour.files(d))) {
        fs.writeFileSync(path.join(project, file), content);
      }
    }

    /** Runs a shell command line in the project, as a pipeline step would; resolves whatever the exit code. */
    function sh(line: string, extra: NodeJS.ProcessEnv = {}): Promise<CliRun> {
      return new Promise((resolve) => {
        execFile(
          "sh",
          ["-c", line],
          { cwd: project, env: { ...env, ...extra }, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
          (err, stdout, stderr) => {
            const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
            resolve({ code, stdout, stderr });
          },
        );
      });
    }

    const preflight = `node ${JSON.stringify(CLI)} preflight`;
    const preview = `pulumi preview --json --non-interactive --stack ${stack}`;

    /** The rooms of the account, by name. */
    function room(name: string) {
      return (
        emulator.store.permalinksOf(API_KEY).find((p) => p.name === name) ?? assert.fail(`no room ${name}`)
      );
    }

    /** Nothing secret in what preflight printed: not the key, no token of any room. */
    function assertNoSecrets(run: CliRun): void {
      const printed = run.stdout + run.stderr;
      const secrets = [API_KEY];
      for (const p of emulator.store.permalinksOf(API_KEY)) {
        secrets.push(p.guestToken, ...p.hosts.map((h) => h.userToken));
      }
      for (const secret of secrets) assert.ok(!printed.includes(secret), "a key or token was printed");
    }

    /** The reads of one room's permalink in the request log. */
    function readsOf(id: string): number {
      return emulator.requests
        .list()
        .filter((r) => r.route === "GET /permalink/:permalinkId" && r.path === `/permalink/${id}`).length;
    }

    before(async function () {
      requireCli(this);
      assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build`);
      const hosts = flavour.prepare(this);
      emulator = await startEmulator({ strict: true, apiKeys: [API_KEY, OTHER_KEY] });
      client = new EyesonClient({
        apiKey: API_KEY,
        endpoint: emulator.url,
        retry: NO_DELAY_RETRY_POLICY,
        env: {},
      });
      // The pipeline's key for preflight; the endpoint comes from the plan's eyeson:endpoint.
      env = dir.open({ path: hosts, vars: { EYESON_API_KEY: API_KEY } });
      declare({ warRoom: true, standup: true });
      await dir.init(emulator, API_KEY);
      await ok("up", "--yes");
      assert.equal(emulator.store.permalinksOf(API_KEY).length, 2);
      emulator.requests.clear();
    });

    after(async () => {
      await dir.dispose();
      await client?.close();
      await emulator?.close();
    });

    it("with no meeting running, exits 0 and prints only the replaced room's line: its links change", async () => {
      declare({ warRoom: true, standup: false, firstHost: "Primary on-call (EU)" });
      fs.writeFileSync(path.join(project, "plan.json"), (await ok("preview", "--json")).stdout);
      assert.deepEqual(apiWrites(emulator), [], "the preview wrote nothing");
      emulator.requests.clear();
      const run = await sh(`${preflight} --plan plan.json`);
      assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
      const lines = run.stdout.trim().split("\n");
      assert.equal(lines.length, 1, run.stdout);
      assert.match(
        lines[0],
        /^war-room: this change replaces the room, since the API cannot change a permalink's first host\. New guestUrl and guestToken \(the guest link\), hostUrl and userToken/,
      );
      assert.ok(!run.stdout.includes("standup"), "the removed room without a meeting gets no line");
      assert.match(run.stderr, /2 room\(s\) checked; `pulumi up` will not be refused for a running meeting/);
      assert.equal(readsOf(room("War room").id), 1, "one read of the replaced room by preflight");
      assert.equal(readsOf(room("Standup").id), 1, "one read of the removed room by preflight");
      assert.deepEqual(apiWrites(emulator), [], "preflight wrote nothing");
      assertNoSecrets(run);
    });

    describe("with a meeting running in one room and both rooms removed from the program", () => {
      let startedAt = "";
      let warRoomId = "";
      before(async () => {
        const warRoom = room("War room");
        warRoomId = warRoom.id;
        const started = await client.startPermalinkMeeting(warRoom.hosts[0].userToken);
        startedAt = started.room.startedAt ?? assert.fail("the meeting has a start time");
        declare({ warRoom: false, standup: false });
      });

      it("`pulumi preview --json | preflight` names the running room only, exits 1, and nothing reached the API but reads", async () => {
        emulator.requests.clear();
        const run = await sh(`${preview} | ${preflight}`);
        assert.equal(run.code, 1, `${run.stdout}\n${run.stderr}`);
        assert.equal(
          run.stdout,
          `war-room: a meeting is running in room "War room" (permalink ${warRoomId}) since ${clock(startedAt)}; ` +
            "this change deletes the permalink, which would end it, and the room's guest and host links would " +
            "stop working; `up` and `destroy` will refuse unless liveMeetings is allow\n",
        );
        assert.match(
          run.stderr,
          /1 of 2 room\(s\) checked have a running meeting and liveMeetings protect: `pulumi up` would refuse them/,
        );
        assert.deepEqual(apiWrites(emulator), [], "zero writes");
        assert.ok(
          apiRequests(emulator).every((r) => r.startsWith("GET ")),
          apiRequests(emulator).join("\n"),
        );
        assert.equal(readsOf(warRoomId), 1, "the room is read once, although its host goes too");
        assert.equal(emulator.store.runningMeetings(API_KEY).length, 1, "the meeting still runs");
        assertNoSecrets(run);
      });

      it("reads a destroy's plan the same way: `pulumi destroy --preview-only --json | preflight` exits 1", async () => {
        emulator.requests.clear();
        const run = await sh(
          `pulumi destroy --preview-only --json --non-interactive --stack ${stack} | ${preflight}`,
        );
        assert.equal(run.code, 1, `${run.stdout}\n${run.stderr}`);
        assert.match(run.stdout, /^war-room: a meeting is running in room "War room" [^\n]*\n$/);
        assert.deepEqual(apiWrites(emulator), [], "zero writes");
        assert.equal(emulator.store.permalinksOf(API_KEY).length, 2, "both rooms are still there");
      });

      it("exits 0 with EYESON_LIVE_MEETINGS=allow, saying the change will end the meeting", async () => {
        await ok("preview", "--json").then(({ stdout }) =>
          fs.writeFileSync(path.join(project, "plan.json"), stdout),
        );
        emulator.requests.clear();
        const run = await sh(`${preflight} --plan plan.json`, { EYESON_LIVE_MEETINGS: "allow" });
        assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
        assert.match(
          run.stdout,
          /^war-room: a meeting is running in room "War room" .*\(liveMeetings is allow, set by EYESON_LIVE_MEETINGS\)\n$/,
        );
        assert.deepEqual(apiWrites(emulator), []);
      });

      it("--format json says which room blocks the run and why, for CI", async () => {
        const run = await sh(`${preflight} --plan plan.json --format json`);
        assert.equal(run.code, 1, run.stderr);
        const report = JSON.parse(run.stdout) as {
          ok: boolean;
          rooms: Array<{
            permalinkId: string;
            startedAt?: string;
            blocking: boolean;
            policy: { mode: string };
          }>;
        };
        assert.equal(report.ok, false);
        const blocking = report.rooms.filter((r) => r.blocking);
        assert.deepEqual(
          blocking.map((r) => [r.permalinkId, r.startedAt, r.policy.mode]),
          [[warRoomId, startedAt, "protect"]],
        );
        assert.equal(report.rooms.length, 2);
        assertNoSecrets(run);
      });

      it("follows the plan's eyeson:liveMeetings, and EYESON_LIVE_MEETINGS wins over it", async () => {
        await ok("config", "set", "eyeson:liveMeetings", "allow");
        try {
          fs.writeFileSync(path.join(project, "config-plan.json"), (await ok("preview", "--json")).stdout);
        } finally {
          await ok("config", "rm", "eyeson:liveMeetings");
        }
        const allowed = await sh(`${preflight} --plan config-plan.json`);
        assert.equal(allowed.code, 0, `${allowed.stdout}\n${allowed.stderr}`);
        assert.match(allowed.stdout, /\(liveMeetings is allow, set by eyeson:liveMeetings\)\n$/);
        const protectedRun = await sh(`${preflight} --plan config-plan.json`, {
          EYESON_LIVE_MEETINGS: "protect",
        });
        assert.equal(protectedRun.code, 1, protectedRun.stdout);
      });

      it("refuses a room it cannot find with a key of another account, naming the account's fingerprint", async () => {
        emulator.requests.clear();
        const run = await sh(`${preflight} --plan plan.json`, { EYESON_API_KEY: OTHER_KEY });
        assert.equal(run.code, 1, `${run.stdout}\n${run.stderr}`);
        const lines = run.stdout.trim().split("\n");
        assert.equal(lines.length, 2, run.stdout);
        for (const line of lines) {
          assert.match(
            line,
            /could not be read \(the room was created with another eyeson account or endpoint \(fingerprint [0-9a-f]{16}\)/,
          );
        }
        assert.deepEqual(apiWrites(emulator), []);
        assertNoSecrets(run);
      });

      it("reads a forced replacement (`pulumi preview --replace <urn>`), which no changed property shows to diff", async () => {
        declare({ warRoom: true, standup: true });
        const state = JSON.parse((await ok("stack", "export")).stdout) as {
          deployment: { resources: { urn: string; type: string }[] };
        };
        const urn =
          state.deployment.resources.find((r) => r.urn.endsWith("::war-room"))?.urn ??
          assert.fail("the war room's URN in the state");
        emulator.requests.clear();
        const run = await sh(`${preview} --replace '${urn}' | ${preflight}`);
        assert.equal(run.code, 1, `${run.stdout}\n${run.stderr}`);
        assert.match(
          run.stdout,
          /^war-room: a meeting is running \(since \d\d:\d\d UTC\); this change would end it and replace its links; `up` will refuse/,
        );
        assert.deepEqual(apiWrites(emulator), [], "zero writes");
        assert.equal(emulator.store.runningMeetings(API_KEY).length, 1, "the meeting still runs");
      });

      it("lets a room through whose own liveMeetings input is allow, over EYESON_LIVE_MEETINGS=protect", async () => {
        declare({ warRoom: true, standup: true, liveMeetings: "allow" });
        await ok("up", "--yes");
        assert.equal(
          emulator.store.runningMeetings(API_KEY).length,
          1,
          "the in-place change kept the meeting",
        );
        declare({ warRoom: false, standup: false });
        fs.writeFileSync(path.join(project, "input-plan.json"), (await ok("preview", "--json")).stdout);
        const run = await sh(`${preflight} --plan input-plan.json`, { EYESON_LIVE_MEETINGS: "protect" });
        assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
        assert.match(
          run.stdout,
          /^war-room: a meeting is running .*\(liveMeetings is allow, set by the resource's liveMeetings input\)\n$/,
        );
      });
    });
  });
}
