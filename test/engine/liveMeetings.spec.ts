// Live meetings are protected, through the real engine against the emulator, for the dynamic resources and for
// the plugin (`pulumi-resource-eyeson`, declared by type token as an SDK generated from schema.json would):
// with a meeting running in a room, `up` and `destroy` refuse to replace or delete it or remove its host, with
// one explanation per room and zero writes; `allow` from the stack config, the environment or the resource lets
// each step through; a preview warns on the resource and stays green; a room without a meeting is replaced and
// deleted as before, and its replacement's preview says which links change.
// Needs `npm run build` (the engine's provider host and the plugin load from dist/).
import assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { Permalink } from "../../provider/resources/permalink";
import { PermalinkHost } from "../../provider/resources/permalinkHost";
import {
  apiRequests,
  apiWrites,
  createEngineStack,
  requireCli,
  type EngineProgram,
  type EngineStack,
} from "./harness";
import { PluginResource } from "./pluginResource";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Mode = "protect" | "allow";

/** What one program declares: the room's first host, whether the room and its second host are declared, and liveMeetings on them. */
interface Declared {
  readonly firstHost?: string;
  readonly room?: boolean;
  readonly host?: boolean;
  readonly liveMeetings?: Mode;
}

/** The two ways to use the resources: the same program through the dynamic resources and through the plugin. */
const FLAVOURS = [
  {
    name: "dynamic resources",
    declare(d: Declared): void {
      if (d.room === false) return;
      const room = new Permalink("war-room", {
        name: "Production war room",
        user: { name: d.firstHost ?? "Primary on-call", id: "oncall-primary" },
        liveMeetings: d.liveMeetings,
      });
      if (d.host === false) return;
      new PermalinkHost("deputy", {
        permalink: room,
        user: { name: "Secondary on-call", id: "oncall-secondary" },
        liveMeetings: d.liveMeetings,
      });
    },
  },
  {
    name: "plugin",
    declare(d: Declared): void {
      if (d.room === false) return;
      const room = new PluginResource("eyeson:index:Permalink", "war-room", {
        name: "Production war room",
        user: { name: d.firstHost ?? "Primary on-call", id: "oncall-primary" },
        liveMeetings: d.liveMeetings,
      });
      if (d.host === false) return;
      new PluginResource("eyeson:index:PermalinkHost", "deputy", {
        permalinkId: room.id,
        user: { name: "Secondary on-call", id: "oncall-secondary" },
        liveMeetings: d.liveMeetings,
      });
    },
  },
] as const;

/** The warnings of an operation, without the engine's note that it found the plugin on PATH. */
function warningsOf(record: { diagnostics: string[] }): string[] {
  return record.diagnostics.filter((d) => d.startsWith("warning: ") && !d.includes("from $PATH"));
}

/** `09:12 UTC`, as the messages write a start of today. */
function clock(iso: string): string {
  return `${new Date(iso).toISOString().slice(11, 16)} UTC`;
}

for (const flavour of FLAVOURS) {
  describe(`live meetings are protected (${flavour.name}), through the real engine`, function () {
    this.timeout(600_000);

    let emulator: Emulator | undefined;
    let client: EyesonClient | undefined;
    let engine: EngineStack | undefined;
    const emu = (): Emulator => emulator ?? assert.fail("emulator not started");
    const stack = (): EngineStack => engine ?? assert.fail("engine stack not created");
    const program =
      (d: Declared = {}): EngineProgram =>
      async () => {
        flavour.declare(d);
      };

    /** The permalinks of the account, as the emulator holds them. */
    const rooms = () => emu().store.permalinksOf(emu().apiKey);

    /** Starts the meeting of the only room as its first host (`POST /permalink/USER_TOKEN`); returns when it began. */
    async function startMeeting(): Promise<string> {
      const [room] = rooms();
      const started = await (client ?? assert.fail()).startPermalinkMeeting(room.hosts[0].userToken);
      emu().requests.clear();
      return started.room.startedAt ?? assert.fail("the meeting has a start time");
    }

    /** Whether a meeting runs in the only room, as `GET /permalink/ID` shows it. */
    function running(): boolean {
      return emu().store.runningMeetings(emu().apiKey).length > 0;
    }

    /** Runs `fn`, which must fail; returns the failure's text (the CLI's output and the engine's diagnostics). */
    async function refused(fn: () => Promise<unknown>): Promise<string> {
      try {
        await fn();
      } catch (err) {
        return err instanceof Error ? err.message : String(err);
      }
      return assert.fail("the operation succeeded");
    }

    /** A fresh stack with the room and its host created, and (unless `meeting` is false) a meeting running in the room. */
    async function deployedWithMeeting(meeting = true): Promise<string> {
      emu().reset();
      await engine?.dispose();
      engine = await createEngineStack({
        program: program(),
        emulatorUrl: emu().url,
        apiKey: emu().apiKey,
        projectName: "eyeson-live-meetings",
      });
      await stack().up();
      emu().requests.clear();
      return meeting ? startMeeting() : "";
    }

    before(async function () {
      requireCli(this);
      emulator = await startEmulator();
      client = new EyesonClient({
        apiKey: emulator.apiKey,
        endpoint: emulator.url,
        retry: NO_DELAY_RETRY_POLICY,
        env: {},
      });
    });
    after(async () => {
      await engine?.dispose();
      await client?.close();
      await emulator?.close();
    });

    describe("with a meeting running", () => {
      let startedAt = "";
      before(async () => {
        startedAt = await deployedWithMeeting();
      });

      it("warns in the preview of a first-host change that it would end the meeting and change the links, and stays green", async () => {
        stack().setProgram(program({ firstHost: "Primary on-call (EU)" }));
        const preview = await stack().preview();
        const warnings = warningsOf(preview);
        const expected =
          `war-room: a meeting is running (since ${clock(startedAt)}); this change would end it and replace its ` +
          "links; `up` will refuse unless liveMeetings is allow.";
        assert.equal(warnings.filter((w) => w.includes(expected)).length, 1, warnings.join("\n"));
        assert.match(
          warnings.join("\n"),
          /New guestUrl and guestToken \(the guest link\), hostUrl and userToken/,
        );
        const warned = preview.events.filter(
          (e) => e.diagnosticEvent?.severity === "warning" && e.diagnosticEvent.message.includes(expected),
        );
        assert.match(warned[0]?.diagnosticEvent?.urn ?? "", /::war-room$/, "the warning is on the room");
        assert.deepEqual(apiWrites(emu()), [], "the preview changes nothing");
        assert.equal(
          apiRequests(emu()).filter((r) => r === "GET /permalink/:permalinkId").length,
          1,
          "one read of the room",
        );
      });

      it("refuses the replacement with `up` before any write, naming the room, the start and the ways forward", async () => {
        stack().setProgram(program({ firstHost: "Primary on-call (EU)" }));
        emu().requests.clear();
        const text = await refused(() => stack().up());
        const room = rooms()[0];
        assert.match(
          text,
          new RegExp(
            `refused: a meeting has been running in room "Production war room" \\(permalink ${room.id}\\) since ${clock(startedAt)}`,
          ),
        );
        assert.match(
          text,
          /Nothing was changed\. Run again after the meeting, or allow it for this run: `EYESON_LIVE_MEETINGS=allow pulumi up`/,
        );
        assert.deepEqual(apiWrites(emu()), [], "zero writes");
        assert.ok(running(), "the meeting still runs");
        assert.equal(rooms().length, 1);
      });

      it("refuses to remove the host with `up`, with zero writes", async () => {
        stack().setProgram(program({ host: false }));
        emu().requests.clear();
        const text = await refused(() => stack().up());
        assert.match(text, /deputy: refused: a meeting has been running in room "Production war room"/);
        assert.match(text, /removes the host "Secondary on-call"/);
        assert.deepEqual(apiWrites(emu()), []);
        assert.equal(rooms()[0].hosts.filter((h) => !h.revoked).length, 2);
      });

      it("refuses to delete the room removed from the program, with one explanation for the room and zero writes", async () => {
        stack().setProgram(program({ room: false }));
        emu().requests.clear();
        const before = stack().events.length;
        await refused(() => stack().up());
        const refusing = stack()
          .events.slice(before)
          .flatMap((e) => {
            const d = e.diagnosticEvent;
            return d?.severity === "error" && d.message.includes("refused: a meeting") ? [d.urn ?? ""] : [];
          });
        assert.equal(new Set(refusing).size, 1, `one resource explains the refusal: ${refusing.join(", ")}`);
        assert.deepEqual(apiWrites(emu()), []);
        assert.ok(running());
      });

      it("refuses `pulumi destroy`, with zero writes", async () => {
        emu().requests.clear();
        const text = await refused(() => stack().destroy());
        assert.match(text, /refused: a meeting has been running in room "Production war room"/);
        assert.deepEqual(apiWrites(emu()), []);
        assert.ok(running());
        assert.equal(rooms().length, 1);
      });
    });

    describe("allowed", () => {
      it("replaces the room with EYESON_LIVE_MEETINGS=allow in the environment, and the preview says it will", async () => {
        await deployedWithMeeting();
        stack().setProgram(program({ firstHost: "Primary on-call (EU)" }));
        stack().stack.workspace.envVars.EYESON_LIVE_MEETINGS = "allow";
        try {
          const preview = await stack().preview();
          assert.match(
            preview.diagnostics.join("\n"),
            /this change will end it and replace its links \(liveMeetings is allow, set by EYESON_LIVE_MEETINGS\)/,
          );
          await stack().up();
        } finally {
          delete stack().stack.workspace.envVars.EYESON_LIVE_MEETINGS;
        }
        assert.equal(rooms().length, 1);
        assert.equal(rooms()[0].hosts[0].user.name, "Primary on-call (EU)");
        assert.ok(!running(), "the meeting ended with the old room");
      });

      it("removes the host and then the room with eyeson:liveMeetings allow in the stack config", async () => {
        await deployedWithMeeting();
        await stack().setConfig("eyeson:liveMeetings", "allow");
        stack().setProgram(program({ host: false }));
        await stack().up();
        assert.equal(rooms()[0].hosts.filter((h) => !h.revoked).length, 1);
        assert.ok(running(), "removing a host leaves the meeting running");
        stack().setProgram(program({ room: false }));
        await stack().up();
        assert.deepEqual(rooms(), []);
        assert.ok(!running());
        await stack().stack.removeConfig("eyeson:liveMeetings");
      });

      it("destroys with liveMeetings allow on the resources, a change that sends no request", async () => {
        await deployedWithMeeting();
        stack().setProgram(program({ liveMeetings: "allow" }));
        const up = await stack().up();
        assert.equal(
          up.summary && (up.summary as { resourceChanges?: Record<string, number> }).resourceChanges?.update,
          2,
        );
        assert.deepEqual(apiWrites(emu()), [], "liveMeetings lives in the state only");
        await stack().destroy();
        assert.deepEqual(rooms(), []);
        assert.ok(!running());
      });

      it("destroys with EYESON_LIVE_MEETINGS=allow at once; eyeson:liveMeetings counts from the last up, or with --run-program", async () => {
        await deployedWithMeeting();
        await stack().setConfig("eyeson:liveMeetings", "allow");
        emu().requests.clear();
        await refused(() => stack().destroy());
        assert.deepEqual(apiWrites(emu()), [], "a plain destroy uses the config recorded at the last up");
        await stack().destroy({ runProgram: true });
        assert.deepEqual(rooms(), []);
        await stack().stack.removeConfig("eyeson:liveMeetings");

        await deployedWithMeeting();
        stack().stack.workspace.envVars.EYESON_LIVE_MEETINGS = "allow";
        try {
          await stack().destroy();
        } finally {
          delete stack().stack.workspace.envVars.EYESON_LIVE_MEETINGS;
        }
        assert.deepEqual(rooms(), []);
        assert.ok(!running());
      });

      it("rejects a liveMeetings value other than protect or allow in check, naming the setting", async () => {
        await stack().setConfig("eyeson:liveMeetings", "sometimes");
        stack().setProgram(program());
        const text = await refused(() => stack().preview());
        assert.match(text, /eyeson:liveMeetings.*must be "protect" or "allow", got "sometimes"/);
        await stack().stack.removeConfig("eyeson:liveMeetings");
      });
    });

    describe("with no meeting running", () => {
      it("warns that a first-host change replaces the links, and replaces the room as before (the new one first)", async () => {
        await deployedWithMeeting(false);
        stack().setProgram(program({ firstHost: "Primary on-call (EU)" }));
        const preview = await stack().preview();
        const warnings = warningsOf(preview);
        assert.equal(warnings.length, 1, warnings.join("\n"));
        assert.match(
          warnings[0],
          /war-room: this change replaces the room, since the API cannot change a permalink's first host\. New guestUrl and guestToken/,
        );
        assert.equal(apiRequests(emu()).filter((r) => r === "GET /permalink/:permalinkId").length, 1);
        emu().requests.clear();
        await stack().up();
        const writes = apiWrites(emu());
        assert.ok(
          writes.indexOf("POST /permalink") < writes.indexOf("DELETE /permalink/:permalinkId"),
          `the new room is created before the old one is deleted: ${writes.join(", ")}`,
        );
        assert.equal(rooms().length, 1);
      });

      it("previews no change with no warning and no read of the room", async () => {
        emu().requests.clear();
        const preview = await stack().preview();
        assert.deepEqual(warningsOf(preview), []);
        assert.deepEqual(
          apiRequests(emu()).filter((r) => r !== "GET /permalink"),
          [],
        );
      });

      it("destroys as before, reading each room once before deleting", async () => {
        emu().requests.clear();
        await stack().destroy();
        assert.deepEqual(rooms(), []);
        assert.deepEqual(apiWrites(emu()).sort(), [
          "DELETE /permalink/:permalinkId",
          "DELETE /permalink/:permalinkId/users/:userToken",
        ]);
      });
    });
  });
}
