// Live meetings are protected, through the provider classes against the emulator over real HTTP: which setting
// decides, what a delete reads and refuses, what a replacing plan warns and asks of the engine. The engine's
// side (the order of the steps, the warnings on the resource) is in test/engine/liveMeetings.spec.ts.
import assert from "node:assert/strict";
import { liveMeetingsPolicy, settingFailures, sinceText } from "../../provider/resources/liveMeetings";
import { type PermalinkOutputs } from "../../provider/resources/permalink";
import { PermalinkProvider } from "../../provider/resources/permalinkProvider";
import { type PermalinkHostInputs, type PermalinkHostOutputs } from "../../provider/resources/permalinkHost";
import { PermalinkHostProvider } from "../../provider/resources/permalinkHostProvider";
import { hostCalls } from "../../provider/resources/hostCalls";
import type { ProviderOptions } from "../../provider/resources/providerBase";
import { apiClient, configured, routes, stackConfig, TEST_OPTIONS, useEmulator } from "./support";

const URN = "urn:pulumi:prod::rooms::pulumi-nodejs:dynamic/eyeson:Permalink::war-room";
const HOST_URN = "urn:pulumi:prod::rooms::pulumi-nodejs:dynamic/eyeson:PermalinkHost::deputy";

describe("liveMeetings", () => {
  describe("which setting decides", () => {
    const cases: Array<[string, unknown, { config?: string; env?: string }, string, string]> = [
      ["nothing set", undefined, {}, "protect", "the default"],
      ["the stack config", undefined, { config: "allow" }, "allow", "eyeson:liveMeetings"],
      [
        "the environment over the stack config",
        undefined,
        { config: "protect", env: "allow" },
        "allow",
        "EYESON_LIVE_MEETINGS",
      ],
      [
        "the resource over both",
        "protect",
        { config: "allow", env: "allow" },
        "protect",
        "the resource's liveMeetings input",
      ],
      ["the resource alone", "allow", {}, "allow", "the resource's liveMeetings input"],
    ];
    for (const [title, resource, settings, mode, source] of cases) {
      it(`uses ${title}`, () => {
        assert.deepEqual(liveMeetingsPolicy(resource, settings), { mode, source });
      });
    }

    it("refuses any other value of the stack config or the environment, naming each, so a typo allows nothing", () => {
      assert.deepEqual(settingFailures({ config: "yes", env: "ALLOW" }), [
        { property: "eyeson:liveMeetings", reason: 'must be "protect" or "allow", got "yes"' },
        { property: "EYESON_LIVE_MEETINGS", reason: 'must be "protect" or "allow", got "ALLOW"' },
      ]);
      assert.throws(() => liveMeetingsPolicy("allow", { env: "ALLOW" }), /EYESON_LIVE_MEETINGS must be/);
    });

    it("writes a start of today as its time, and an earlier one with its date", () => {
      const now = new Date("2026-12-07T15:00:00Z");
      assert.equal(sinceText("2026-12-07T09:12:03.000Z", now), "09:12 UTC");
      assert.equal(sinceText("2026-12-06T23:50:00.000Z", now), "2026-12-06 23:50 UTC");
    });
  });

  describe("through the providers", () => {
    const emu = useEmulator();
    let warnings: Array<{ message: string; urn?: string }> = [];
    const options: ProviderOptions = {
      ...TEST_OPTIONS,
      warn: async (message, urn) => {
        warnings.push({ message, urn });
      },
    };
    let permalinks: PermalinkProvider;
    let hosts: PermalinkHostProvider;

    beforeEach(async () => {
      warnings = [];
      // As the dynamic-provider host calls them (see `hostCalls`), so the URN in the inputs names the resource.
      permalinks = hostCalls(
        await configured(new PermalinkProvider(options), emu()),
      ) as unknown as PermalinkProvider;
      hosts = hostCalls(
        await configured(new PermalinkHostProvider(options), emu()),
      ) as unknown as PermalinkHostProvider;
    });

    /** A room with a second host, created through the providers, and optionally a meeting running in it. */
    async function room(meeting: boolean) {
      const inputs = (
        await permalinks.check(
          {} as never,
          {
            name: "Production war room",
            user: { name: "Primary on-call", id: "primary" },
            resourceUrn: URN,
          } as never,
        )
      ).inputs;
      const created = await permalinks.create(inputs as never);
      const hostInputs = (
        await hosts.check(
          {} as never,
          {
            permalinkId: created.id,
            user: { name: "Secondary on-call", id: "secondary" },
            resourceUrn: HOST_URN,
          } as never,
        )
      ).inputs as PermalinkHostInputs;
      const host = await hosts.create(hostInputs);
      const outs = created.outs as PermalinkOutputs;
      if (meeting) await apiClient(emu()).startPermalinkMeeting(outs.userToken as string);
      emu().requests.clear();
      return {
        id: created.id,
        outs,
        hostId: host.id,
        hostInputs,
        hostOuts: host.outs as PermalinkHostOutputs,
      };
    }

    it("refuses to delete a room while a meeting runs in it, after one read and with no write", async () => {
      const { id, outs } = await room(true);
      await assert.rejects(
        permalinks.delete(id, outs),
        /^EyesonError: war-room: refused: a meeting has been running in room "Production war room" \(permalink [0-9a-f]{24}\) since \d\d:\d\d UTC/,
      );
      assert.deepEqual(routes(emu()), ["GET /permalink/:permalinkId"]);
      assert.equal(emu().store.permalinks.has(id), true);
    });

    it("deletes a room with a meeting when allowed, sending no read (the meeting ends)", async () => {
      const { id, outs } = await room(true);
      await permalinks.delete(id, { ...outs, liveMeetings: "allow" });
      assert.deepEqual(routes(emu()), ["DELETE /permalink/:permalinkId"]);
      assert.equal(emu().store.runningMeetings(emu().apiKey).length, 0);
    });

    it("refuses to remove a host while a meeting runs in its room, with one full error per room", async () => {
      const { hostId, hostOuts } = await room(true);
      const attempts = await Promise.allSettled([
        hosts.delete(hostId, hostOuts),
        hosts.delete(hostId, hostOuts),
      ]);
      const messages = attempts.map((a) => (a.status === "rejected" ? String(a.reason) : "resolved"));
      assert.equal(messages.filter((m) => m.includes("deputy: refused:")).length, 1, messages.join("\n"));
      assert.ok(
        messages.every((m) => m.startsWith("EyesonError: deputy:")),
        messages.join("\n"),
      );
      assert.deepEqual(routes(emu()), ["GET /permalink/:permalinkId"], "the two steps shared one read");
    });

    it("refuses when the room cannot be read, since it cannot know whether it would end a meeting", async () => {
      const { id, outs } = await room(false);
      emu().faults.inject({ method: "GET", path: "/permalink/*", status: 500, times: 10 });
      await assert.rejects(
        permalinks.delete(id, outs),
        /war-room: nothing was changed: whether a meeting is running/,
      );
      assert.equal(emu().store.permalinks.has(id), true);
    });

    it("plans a replacement with a meeting as delete-first under protect, warning on the resource", async () => {
      const { id, outs } = await room(true);
      const news = { ...outs, user: { name: "Primary on-call (EU)", id: "primary" } };
      const diff = await permalinks.diff(id, outs, news);
      assert.deepEqual([diff.replaces, diff.deleteBeforeReplace], [["user"], true]);
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0].urn, URN);
      assert.match(
        warnings[0].message,
        /^war-room: a meeting is running \(since \d\d:\d\d UTC\); this change would end it and replace its links; `up` will refuse unless liveMeetings is allow\. New guestUrl/,
      );
    });

    it("plans a replacement as before (create first) when allowed or when no meeting runs, still naming the links", async () => {
      const { id, outs } = await room(true);
      const news = { ...outs, user: { name: "Other", id: "primary" }, liveMeetings: "allow" as const };
      assert.equal((await permalinks.diff(id, outs, news)).deleteBeforeReplace, false);
      assert.match(
        warnings[0].message,
        /this change will end it and replace its links \(liveMeetings is allow, set by the resource's liveMeetings input\)/,
      );
      const quiet = await room(false);
      warnings = [];
      const plain = await permalinks.diff(quiet.id, quiet.outs, { ...quiet.outs, user: { name: "Other" } });
      assert.equal(plain.deleteBeforeReplace, false);
      assert.match(
        warnings[0].message,
        /^war-room: this change replaces the room, since the API cannot change a permalink's first host\./,
      );
    });

    it("reads a room once for all its resources' plans in one process", async () => {
      const { id, outs, hostId, hostOuts, hostInputs } = await room(true);
      await permalinks.diff(id, outs, { ...outs, user: { name: "Other" } });
      await hosts.diff(hostId, hostOuts, { ...hostInputs, user: { name: "Backup", id: "backup" } });
      assert.deepEqual(routes(emu()), ["GET /permalink/:permalinkId"]);
      assert.match(warnings[1].message, /^deputy: a meeting is running in room "Production war room"/);
    });

    it("changes liveMeetings in place without a request", async () => {
      const { id, outs, hostId, hostOuts, hostInputs } = await room(false);
      const diff = await permalinks.diff(id, outs, { ...outs, liveMeetings: "allow" });
      assert.deepEqual([diff.changes, diff.replaces], [true, []]);
      const updated = await permalinks.update(id, outs, { ...outs, liveMeetings: "allow" });
      assert.equal(updated.outs?.liveMeetings, "allow");
      const hostDiff = await hosts.diff(hostId, hostOuts, { ...hostInputs, liveMeetings: "allow" });
      assert.deepEqual([hostDiff.changes, hostDiff.replaces], [true, []]);
      assert.equal(
        (await hosts.update(hostId, hostOuts, { ...hostInputs, liveMeetings: "allow" })).outs?.liveMeetings,
        "allow",
      );
      assert.deepEqual(routes(emu()), []);
    });

    it("fails check on a bad liveMeetings input, stack config or environment value", async () => {
      const bad = new PermalinkProvider({
        ...options,
        client: { ...TEST_OPTIONS.client, env: { EYESON_LIVE_MEETINGS: "off" } },
      });
      await bad.configure(
        stackConfig({
          "eyeson:apiKey": emu().apiKey,
          "eyeson:endpoint": emu().url,
          "eyeson:liveMeetings": "maybe",
        }),
      );
      const result = await bad.check({} as never, { user: { name: "A" }, liveMeetings: "never" } as never);
      assert.deepEqual((result.failures ?? []).map((f) => f.property).sort(), [
        "EYESON_LIVE_MEETINGS",
        "eyeson:liveMeetings",
        "liveMeetings",
      ]);
    });
  });
});
