// Truthful plans and runs that converge, through the real Pulumi engine against the emulator: the preview
// says exactly what the `up` does, and running the same program again changes nothing and fails nowhere.
// Needs `npm run build` (the engine's provider host loads `pulumi-eyeson/provider/...` from dist).
import assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { startEmulator } from "../../emulator";
import * as functions from "../../provider/functions";
import { closeClients } from "../../provider/functions/invoke";
import { Permalink } from "../../provider/resources/permalink";
import { PermalinkHost } from "../../provider/resources/permalinkHost";
import { Webhook } from "../../provider/resources/webhook";
import type { RoomOptions, WebhookType } from "../../provider/types";
import {
  apiWrites,
  createEngineStack,
  requireCli,
  resourcesOfType,
  type EngineProgram,
  type EngineStack,
  type OperationRecord,
} from "./harness";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const PERMALINK = "pulumi-nodejs:dynamic/eyeson:Permalink";
const HOST = "pulumi-nodejs:dynamic/eyeson:PermalinkHost";
const WEBHOOK = "pulumi-nodejs:dynamic/eyeson:Webhook";
const EXAMPLES = path.resolve(__dirname, "..", "..", "examples");

/** The engine's step events for eyeson resources, as `<op> <Name>` (`update Permalink`). */
function eyesonSteps(record: OperationRecord): string[] {
  return record.steps
    .filter((s) => s.type.startsWith("pulumi-nodejs:dynamic/eyeson:"))
    .map((s) => `${s.op} ${s.type.slice("pulumi-nodejs:dynamic/eyeson:".length)}`)
    .sort();
}

/**
 * The inputs that differ between the old and the new state of each planned step of `type` (a dynamic
 * provider cannot name changed keys itself, so the spec compares what the engine shows).
 */
function changedKeys(record: OperationRecord, type: string): string[] {
  const keys = new Set<string>();
  for (const m of record.events.map((e: EngineEvent) => e.resourcePreEvent?.metadata)) {
    if (m?.type !== type || m.op === "same") continue;
    const olds = m.old?.outputs ?? {};
    const news = m.new?.inputs ?? {};
    for (const key of Object.keys(news)) {
      if (key !== "__provider" && JSON.stringify(olds[key]) !== JSON.stringify(news[key])) keys.add(key);
    }
  }
  return [...keys].sort();
}

/** Calls one of the emulator's `/__emulator/` controls. */
async function control(emu: Emulator, method: string, route: string, body: unknown): Promise<void> {
  const res = await fetch(`${emu.url}/__emulator/${route}`, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 204, `${method} /__emulator/${route} answered ${res.status}: ${await res.text()}`);
}

/** A room's custom fields without the create mark the provider keeps there (`pulumi_create_key`). */
function withoutMark(fields: Record<string, unknown>): Record<string, unknown> {
  const { pulumi_create_key: mark, ...rest } = fields;
  assert.equal(typeof mark, "string", "the room carries its create mark");
  return rest;
}

/** The only permalink of the emulator. */
function onlyPermalink(emu: Emulator) {
  const all = [...emu.store.permalinks.values()];
  assert.equal(all.length, 1, "one permalink in the account");
  return all[0];
}

/** An example folder's program as an inline program: a fresh copy of its module on every run. */
function exampleProgram(name: string): EngineProgram {
  const file = require.resolve(path.join(EXAMPLES, name, "index.ts"));
  return async () => {
    delete require.cache[file];
    return { ...(require(file) as Record<string, unknown>) };
  };
}

describe("truthful plans and runs that converge, through the real engine", function () {
  this.timeout(600_000);

  let emulator: Emulator | undefined;
  const stacks: EngineStack[] = [];
  const emu = (): Emulator => emulator ?? assert.fail("emulator not started");

  before(async function () {
    requireCli(this);
    emulator = await startEmulator({
      strict: true,
      apiKeys: [
        "emu_plans_dev_000000000000000000",
        "emu_plans_staging_0000000000000000",
        "emu_plans_prod_00000000000000000",
      ],
    });
  });
  after(async () => {
    for (const stack of stacks.reverse()) await stack.dispose();
    await closeClients();
    await emulator?.close();
  });
  beforeEach(() => emu().reset());

  async function newStack(
    program: EngineProgram,
    opts: Partial<Parameters<typeof createEngineStack>[0]> = {},
  ) {
    const stack = await createEngineStack({
      program,
      emulatorUrl: emu().url,
      apiKey: emu().apiKey,
      ...opts,
    });
    stacks.push(stack);
    return stack;
  }

  describe("1. an in-place update of a room plans no change to its hosts", () => {
    const program = (options: RoomOptions) => async () => {
      const room = new Permalink("war-room", {
        name: "War room",
        user: { name: "Lead", id: "lead" },
        options,
      });
      new PermalinkHost("by-resource", { permalink: room, user: { name: "Deputy", id: "deputy" } });
      new PermalinkHost("by-permalink-id", {
        permalinkId: room.permalinkId,
        user: { name: "Backup", id: "backup" },
      });
      new PermalinkHost("by-id", { permalinkId: room.id, user: { name: "Scribe", id: "scribe" } });
    };

    it("previews exactly one update and zero replaces for an option change, and the up does just that", async () => {
      const stack = await newStack(program({ widescreen: true, lockAvailable: true }));
      await stack.up();
      stack.setProgram(program({ widescreen: false, lockAvailable: true }));
      emu().requests.clear();

      const preview = await stack.preview({ diff: true });
      assert.deepEqual(eyesonSteps(preview), [
        "same PermalinkHost",
        "same PermalinkHost",
        "same PermalinkHost",
        "update Permalink",
      ]);
      assert.deepEqual(changedKeys(preview, PERMALINK), ["options"]);
      assert.deepEqual(changedKeys(preview, HOST), []);
      assert.deepEqual(apiWrites(emu()), [], "the preview changes nothing");

      const up = await stack.up();
      assert.deepEqual(eyesonSteps(up), eyesonSteps(preview), "the up does what the preview said");
      assert.deepEqual(apiWrites(emu()), ["PUT /permalink/:permalinkId"]);
      assert.equal(onlyPermalink(emu()).options.widescreen, false);
    });

    it("still plans the hosts' replacement when the room itself is replaced", async () => {
      const stack = await newStack(program({}));
      await stack.up();
      stack.setProgram(async () => {
        const room = new Permalink("war-room", {
          name: "War room",
          user: { name: "New lead", id: "new-lead" },
        });
        new PermalinkHost("by-resource", { permalink: room, user: { name: "Deputy", id: "deputy" } });
        new PermalinkHost("by-permalink-id", {
          permalinkId: room.permalinkId,
          user: { name: "Backup", id: "backup" },
        });
        new PermalinkHost("by-id", { permalinkId: room.id, user: { name: "Scribe", id: "scribe" } });
      });
      const preview = await stack.preview();
      assert.deepEqual(preview.changeSummary.replace, 4);
      const up = await stack.up();
      assert.equal(up.steps.filter((s) => s.op === "replace").length, 4);
      const permalink = onlyPermalink(emu());
      assert.deepEqual(
        permalink.hosts
          .filter((h) => !h.revoked)
          .map((h) => h.user.id)
          .sort(),
        ["backup", "deputy", "new-lead", "scribe"],
      );
    });
  });

  describe("2. a removed option goes back to the API's default", () => {
    const program = (options: RoomOptions) => async () => {
      new Permalink("war-room", { name: "War room", user: { name: "Lead", id: "lead" }, options });
    };

    it("sends the default for each removed option and custom field, and the state matches the server", async () => {
      const stack = await newStack(
        program({
          lockAvailable: true,
          widescreen: false,
          exitUrl: "https://status.example.com/",
          customFields: { locale: "de", hideChat: true },
        }),
      );
      await stack.up();
      assert.equal(onlyPermalink(emu()).options.lock_available, true);

      stack.setProgram(program({ customFields: { hideChat: true } }));
      const preview = await stack.preview();
      assert.deepEqual(eyesonSteps(preview), ["update Permalink"]);
      await stack.up();
      const server = onlyPermalink(emu()).options;
      assert.equal(server.lock_available, false, "lockAvailable is back to its default, false");
      assert.equal(server.widescreen, true, "a permalink's widescreen is back to its default, true");
      assert.equal(server.exit_url, null);
      assert.deepEqual(withoutMark(server.custom_fields), { hide_chat: true });

      const state = await stack.exportState();
      assert.deepEqual(resourcesOfType(state, PERMALINK)[0]?.outputs?.options, {
        customFields: { hideChat: true },
      });
      await stack.refresh({ expectNoChanges: true });
      await stack.preview({ expectNoChanges: true });
    });
  });

  describe("3. drift outside Pulumi shows up", () => {
    const DECLARED_EXPIRY = "2031-06-30T18:00:00.000Z";
    /** The room updated in place, the webhook registered anew (the API cannot change one). */
    const REPAIR_PLAN = [
      "create-replacement Webhook",
      "delete-replaced Webhook",
      "replace Webhook",
      "update Permalink",
    ];
    const program =
      (url = "https://hooks.example.com/eyeson") =>
      async () => {
        new Permalink("war-room", {
          name: "War room",
          user: { name: "Lead", id: "lead" },
          expiresAt: DECLARED_EXPIRY,
          options: { widescreen: true, lockAvailable: true, customFields: { locale: "en" } },
        });
        new Webhook("incidents", { url, types: ["room_update", "recording_update"] });
      };

    async function driftEverything(stack: EngineStack): Promise<void> {
      const permalink = onlyPermalink(emu());
      await control(emu(), "PATCH", `permalinks/${permalink.id}`, {
        name: "Renamed in the dashboard",
        expires_at: "2032-01-01T00:00:00.000Z",
        options: { widescreen: false, lock_available: false, custom_fields: { locale: "fr" } },
      });
      const webhook = emu().store.webhooks.get(emu().apiKey) ?? assert.fail("a webhook is registered");
      await control(emu(), "PATCH", `webhooks/${webhook.id}`, {
        url: "https://elsewhere.example.com/hook",
        types: "participant_update",
      });
      void stack;
    }

    it("refresh records the server's values, and the next preview plans the update that restores the declared ones", async () => {
      const stack = await newStack(program());
      await stack.up();
      await driftEverything(stack);

      const refresh = await stack.refresh();
      assert.deepEqual(
        eyesonSteps(refresh).filter((s) => !s.startsWith("refresh")),
        [],
      );
      const state = await stack.exportState();
      const permalink = resourcesOfType(state, PERMALINK)[0]?.outputs ?? assert.fail("permalink in state");
      assert.equal(permalink.name, "Renamed in the dashboard");
      assert.equal(permalink.expiresAt, "2032-01-01T00:00:00.000Z");
      assert.deepEqual(permalink.options, {
        widescreen: false,
        lockAvailable: false,
        customFields: { locale: "fr" },
      });
      const webhook = resourcesOfType(state, WEBHOOK)[0]?.outputs ?? assert.fail("webhook in state");
      assert.equal(webhook.url, "https://elsewhere.example.com/hook");

      const preview = await stack.preview({ diff: true });
      assert.deepEqual(eyesonSteps(preview), REPAIR_PLAN);
      assert.deepEqual(changedKeys(preview, PERMALINK), ["expiresAt", "name", "options"]);
      assert.deepEqual(changedKeys(preview, WEBHOOK), ["types", "url"]);

      await stack.up();
      const server = onlyPermalink(emu());
      assert.equal(server.name, "War room");
      assert.equal(server.expiresAt, DECLARED_EXPIRY);
      assert.equal(server.options.widescreen, true);
      assert.equal(server.options.lock_available, true);
      assert.deepEqual(withoutMark(server.options.custom_fields), { locale: "en" });
      assert.equal(emu().store.webhooks.get(emu().apiKey)?.url, "https://hooks.example.com/eyeson");
      await stack.preview({ expectNoChanges: true, refresh: true });
    });

    it("preview --refresh shows the same plan without a separate refresh", async () => {
      const stack = await newStack(program());
      await stack.up();
      await driftEverything(stack);
      const preview = await stack.preview({ refresh: true, diff: true });
      assert.deepEqual(
        eyesonSteps(preview).filter((s) => !s.startsWith("refresh")),
        REPAIR_PLAN,
      );
    });
  });

  describe("4. no perpetual diffs", () => {
    const EVERY_OPTION: RoomOptions = {
      showNames: false,
      showLabel: false,
      exitUrl: "https://Status.Example.com",
      recordingAvailable: false,
      broadcastAvailable: false,
      reactionAvailable: false,
      layoutAvailable: false,
      guestTokenAvailable: true,
      lockAvailable: true,
      kickAvailable: false,
      sfuMode: "disabled",
      widescreen: false,
      backgroundColor: "#ABC",
      audioInsert: "enabled",
      audioInsertPosition: { x: 20, y: 40 },
      customFields: {
        locale: "fr",
        logo: "https://Brand.Example.com/logo.png",
        hideChat: true,
        virtualBackground: true,
        virtualBackgroundAllowGuest: true,
        virtualBackgroundImage: "https://brand.example.com/bg.png",
        virtualBackgroundAllowLocalImage: false,
        iframePostmessageOrigin: "https://portal.example.com",
        team: "sre",
      },
    };

    it("every resource with every option set: up, refresh and preview report no changes", async () => {
      const types: WebhookType[] = [
        "snapshot_update",
        "room_update",
        "participant_update",
        "recording_update",
      ];
      const stack = await newStack(async () => {
        const room = new Permalink("every-option", {
          name: "Every option",
          user: { name: "Lead", id: "lead", avatar: "https://example.com/lead.png" },
          expiresAt: "2031-02-28T19:30:00+01:00",
          options: EVERY_OPTION,
        });
        new PermalinkHost("deputy", { permalink: room, user: { name: "Deputy" } });
        new Webhook("incidents", { url: "https://hooks.example.com/eyeson", types });
      });
      await stack.up();
      await stack.refresh({ expectNoChanges: true });
      await stack.preview({ expectNoChanges: true });
      await stack.up({ expectNoChanges: true });
    });

    for (const env of ["dev", "staging", "prod"] as const) {
      it(`the standing-rooms example's ${env} stack: up, refresh and preview report no changes`, async () => {
        const apiKey = emu().apiKeys.find((k) => k.includes(env)) ?? assert.fail(`a key for ${env}`);
        const stack = await newStack(exampleProgram("standing-rooms"), {
          apiKey,
          projectName: "eyeson-standing-rooms",
          stackName: env,
          stackConfigFile: path.join(EXAMPLES, "standing-rooms", `Pulumi.${env}.yaml`),
        });
        await stack.up();
        await stack.refresh({ expectNoChanges: true });
        await stack.preview({ expectNoChanges: true });
      });
    }
  });

  describe("5. environments sharing one API key never take the webhook from each other in turns", () => {
    const hook = (name: string, url: string, adoptExisting?: boolean) => async () => {
      new Webhook(name, { url, types: ["room_update"], adoptExisting });
    };

    it("names the owner problem, lets one stack adopt once, and the displaced stack stops instead of taking it back", async () => {
      const dev = await newStack(hook("incidents", "https://dev.example.com/hook"), { stackName: "dev" });
      await dev.up();
      const prod = await newStack(hook("incidents", "https://prod.example.com/hook"), { stackName: "prod" });
      await assert.rejects(prod.up(), /another stack or tool.*its own API key/s);

      prod.setProgram(hook("incidents", "https://prod.example.com/hook", true));
      await prod.up();
      assert.equal(emu().store.webhooks.get(emu().apiKey)?.url, "https://prod.example.com/hook");

      await dev.refresh();
      const devState = await dev.exportState();
      assert.match(String(resourcesOfType(devState, WEBHOOK)[0]?.outputs?.displacedBy), /prod\.example\.com/);
      for (let round = 0; round < 2; round++) {
        await assert.rejects(dev.up(), /will not take it back/);
        assert.equal(emu().store.webhooks.get(emu().apiKey)?.url, "https://prod.example.com/hook");
        await prod.refresh({ expectNoChanges: true });
        await prod.preview({ expectNoChanges: true });
      }
    });
  });

  describe("6. a changed account never drops resources", () => {
    it("refuses to drop or delete what another account says is missing, and works again with the right key", async () => {
      const [first, second] = emu().apiKeys;
      const stack = await newStack(
        async () => {
          const room = new Permalink("war-room", { user: { name: "Lead", id: "lead" } });
          new PermalinkHost("deputy", { permalink: room, user: { name: "Deputy", id: "deputy" } });
          new Webhook("incidents", { url: "https://hooks.example.com/eyeson", types: ["room_update"] });
        },
        { apiKey: first },
      );
      await stack.up();
      const before = await stack.exportState();

      // `--run-program` (and `up --refresh`) configure the provider from the changed stack config; a plain
      // refresh or destroy keeps using the configuration recorded in the state, the first account's.
      await stack.setConfig("eyeson:apiKey", second, true);
      await assert.rejects(stack.refresh({ runProgram: true }), /another eyeson account or endpoint/);
      await assert.rejects(stack.up({ refresh: true }), /another eyeson account or endpoint/);
      await assert.rejects(stack.destroy({ runProgram: true }), /another eyeson account or endpoint/);
      const after = await stack.exportState();
      for (const type of [PERMALINK, HOST, WEBHOOK]) {
        assert.equal(
          resourcesOfType(after, type)[0]?.id,
          resourcesOfType(before, type)[0]?.id,
          `${type} kept`,
        );
      }
      assert.equal(emu().store.permalinks.size, 1, "the room still exists in the first account");

      await stack.setConfig("eyeson:apiKey", first, true);
      await stack.refresh({ expectNoChanges: true, runProgram: true });
      await stack.destroy({ runProgram: true });
      assert.equal(emu().store.permalinks.size, 0);
    });
  });

  describe("7. renaming a host", () => {
    const program = (hostName: string, aliases?: string[]) => async () => {
      const room = new Permalink("war-room", { user: { name: "Lead", id: "lead" } });
      new PermalinkHost(
        hostName,
        { permalink: room, user: { name: "Deputy", id: "deputy" } },
        { aliases: aliases?.map((name) => ({ name })) },
      );
    };

    it("fails with a hint about aliases, and with the alias changes nothing", async () => {
      const stack = await newStack(program("deputy"));
      await stack.up();
      stack.setProgram(program("deputy-oncall"));
      await assert.rejects(stack.up(), /already a host.*aliases/s);
      stack.setProgram(program("deputy-oncall", ["deputy"]));
      const up = await stack.up();
      assert.ok(!up.steps.some((s) => s.type === HOST && s.op !== "same"), JSON.stringify(up.steps));
      await stack.preview({ expectNoChanges: true });
    });
  });

  describe("8. the situation room runs again and again", () => {
    for (const env of ["dev", "prod"] as const) {
      it(`with the standing-rooms ${env} stack: the first up works, a second and third post nothing twice and fail nowhere`, async () => {
        const apiKey = emu().apiKeys.find((k) => k.includes(env)) ?? assert.fail(`a key for ${env}`);
        const rooms = await newStack(exampleProgram("standing-rooms"), {
          apiKey,
          projectName: "eyeson-standing-rooms",
          stackName: env,
          stackConfigFile: path.join(EXAMPLES, "standing-rooms", `Pulumi.${env}.yaml`),
        });
        await rooms.up();
        const situation = await newStack(exampleProgram("situation-room"), {
          apiKey,
          projectName: "eyeson-situation-room",
          stackName: env,
          backendOf: rooms,
          config: {
            "eyeson-situation-room:standingRoomsStack": {
              value: `organization/eyeson-standing-rooms/${env}`,
            },
          },
        });
        const first = await situation.up();
        const expectedRecording = env === "dev" ? "not available in this room" : "started";
        assert.deepEqual(first.outputs.effects?.value, {
          layout: "set",
          statusLayer: "set",
          chatMessage: "posted",
          recording: expectedRecording,
        });
        assert.equal(first.outputs.meetingWas?.value, "started");
        for (const run of [2, 3]) {
          const again = await situation.up();
          assert.equal(again.outputs.meetingWas?.value, "joined", `run ${run}`);
          assert.deepEqual(again.outputs.effects?.value, {
            layout: "set",
            statusLayer: "set",
            chatMessage: "not posted again: the meeting was already running",
            recording: env === "dev" ? "not available in this room" : "already running",
          });
        }
        const meetings = [...emu().store.meetings.values()].filter((m) => m.endedAt === null);
        assert.equal(meetings.length, 1, "one running meeting");
        assert.equal(meetings[0].messages.length, 1, "the incident line was posted once");

        // Functions have no lifecycle: the example's stand-down run ends what the runs before started.
        await situation.setConfig("eyeson-situation-room:standDown", "true");
        const preview = await situation.preview();
        assert.equal(preview.changeSummary.same, 1, "the stand-down preview changes nothing");
        assert.equal([...emu().store.meetings.values()].filter((m) => m.endedAt === null).length, 1);
        const down = await situation.up();
        assert.equal(down.outputs.standDownResult?.value, "recording stopped, meeting ended");
        assert.equal([...emu().store.meetings.values()].filter((m) => m.endedAt === null).length, 0);
        if (env === "prod") {
          assert.ok(
            [...emu().store.recordings.values()].every((r) => r.finished),
            "the recording was stopped",
          );
        }
        const again = await situation.up();
        assert.equal(
          again.outputs.standDownResult?.value,
          "no meeting was running",
          "standing down converges",
        );
        await situation.destroy();
      });
    }
  });

  describe("9. bad credentials fail the pull-request preview", () => {
    const rooms = async () => {
      new Permalink("war-room", { user: { name: "Lead", id: "lead" } });
    };

    it("fails the preview on a missing key, a wrong key and a plain-http endpoint that is not loopback", async () => {
      const stack = await newStack(rooms);
      await stack.stack.removeConfig("eyeson:apiKey");
      await assert.rejects(stack.preview(), /no eyeson API key/i);

      await stack.setConfig("eyeson:apiKey", "emu_not_a_key_of_this_account_0000", true);
      await assert.rejects(stack.preview(), /refused the API key/);

      await stack.setConfig("eyeson:apiKey", emu().apiKey, true);
      await stack.setConfig("eyeson:endpoint", "http://eyeson.example.com");
      await assert.rejects(stack.preview(), /plain http:\/\/ to a non-loopback host/);
      assert.deepEqual(apiWrites(emu()), [], "nothing was changed");

      await stack.setConfig("eyeson:endpoint", emu().url);
      await stack.preview();
    });

    it("fails the preview of a program whose side-effecting functions use a wrong key", async () => {
      const stack = await newStack(async () => {
        const ended = functions.shutdownRoomOutput({ roomId: "standup", missingOk: true });
        return { ended: pulumi.output(ended).apply((r) => r.ended) };
      });
      await stack.setConfig("eyeson:apiKey", "emu_not_a_key_of_this_account_0000", true);
      await closeClients();
      await assert.rejects(stack.preview(), /refused the API key/);
    });
  });
});
