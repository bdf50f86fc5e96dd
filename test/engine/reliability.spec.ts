// A flaky network, lost answers, 404s that are not eyeson's and bad input, through the real engine against
// the emulator: none of them may cost a room, leave a duplicate, or drop what still exists.
// Needs `npm run build` (the engine's provider host loads `pulumi-eyeson/provider/...` from dist).
import assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import * as functions from "../../provider/functions";
import { closeClients } from "../../provider/functions/invoke";
import { Permalink } from "../../provider/resources/permalink";
import { PermalinkHost } from "../../provider/resources/permalinkHost";
import { Webhook } from "../../provider/resources/webhook";
import {
  apiRequests,
  createEngineStack,
  requireCli,
  resourcesOfType,
  type EngineProgram,
  type EngineStack,
} from "./harness";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const PERMALINK = "pulumi-nodejs:dynamic/eyeson:Permalink";
const HOST = "pulumi-nodejs:dynamic/eyeson:PermalinkHost";
const WEBHOOK = "pulumi-nodejs:dynamic/eyeson:Webhook";

/** Rooms `room-0` … `room-<n-1>`, each with a deputy host, and the webhook. */
const rooms =
  (n: number): EngineProgram =>
  async () => {
    for (let i = 0; i < n; i++) {
      const room = new Permalink(`room-${i}`, { name: `Room ${i}`, user: { name: "Lead", id: "lead" } });
      new PermalinkHost(`room-${i}-deputy`, { permalink: room, user: { name: "Deputy", id: "deputy" } });
    }
    new Webhook("incidents", { url: "https://hooks.example.com/eyeson", types: ["room_update"] });
  };

describe("reliability through the real engine", function () {
  this.timeout(600_000);

  let emulator: Emulator | undefined;
  const stacks: EngineStack[] = [];
  const emu = (): Emulator => emulator ?? assert.fail("emulator not started");

  before(async function () {
    requireCli(this);
    emulator = await startEmulator({ strict: true });
  });
  after(async () => {
    for (const stack of stacks.reverse()) await stack.dispose();
    await closeClients();
    await emulator?.close();
  });
  beforeEach(() => emu().reset());

  async function newStack(program: EngineProgram): Promise<EngineStack> {
    const stack = await createEngineStack({ program, emulatorUrl: emu().url, apiKey: emu().apiKey });
    stacks.push(stack);
    return stack;
  }

  /** Every permalink of the account, by name: a duplicate shows as a count above 1. */
  function roomsByName(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const p of emu().store.permalinksOf(emu().apiKey)) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
    return counts;
  }

  it("creates each room once although the answers to 8 of its creates are lost", async () => {
    const stack = await newStack(rooms(10));
    emu().faults.inject({ method: "POST", path: "/permalink", lose: true, times: 8 });
    await stack.up();
    assert.equal(
      emu()
        .requests.list()
        .filter((r) => r.lost).length,
      8,
      "8 answers were lost",
    );
    assert.deepEqual([...roomsByName().values()], Array<number>(10).fill(1), "no duplicate room");
    const state = await stack.exportState();
    const inState = new Set(resourcesOfType(state, PERMALINK).map((r) => r.id));
    for (const p of emu().store.permalinksOf(emu().apiKey)) assert.ok(inState.has(p.id), "no orphan room");
    await stack.preview({ expectNoChanges: true });
    await stack.destroy();
    assert.equal(emu().store.permalinksOf(emu().apiKey).length, 0, "destroy left nothing behind");
  });

  it("still creates a new room on a forced replacement, although the old one carries the same create key", async () => {
    const stack = await newStack(rooms(1));
    await stack.up();
    const before =
      resourcesOfType(await stack.exportState(), PERMALINK)[0] ?? assert.fail("the room is in state");
    await stack.up({ replace: [before.urn] });
    const after = resourcesOfType(await stack.exportState(), PERMALINK)[0];
    assert.notEqual(after?.id, before.id);
    assert.deepEqual(
      emu()
        .store.permalinksOf(emu().apiKey)
        .map((p) => p.id),
      [after?.id],
    );
  });

  it("names the way out when the answer to a host's registration is lost, and that way out leaves no orphan", async () => {
    const stack = await newStack(rooms(1));
    emu().faults.inject({ method: "POST", path: "/permalink/*/users", lose: true });
    await assert.rejects(
      stack.up(),
      /answer, which carries the host's token, was lost.*pulumi up --replace/s,
    );
    const urn =
      resourcesOfType(await stack.exportState(), PERMALINK)[0]?.urn ?? assert.fail("the room is in state");
    await stack.up({ replace: [urn] });
    const live = emu().store.permalinksOf(emu().apiKey);
    assert.equal(live.length, 1, "the room with the lost host was replaced, not kept");
    assert.deepEqual(
      live[0].hosts.filter((h) => !h.revoked).map((h) => h.user.id),
      ["lead", "deputy"],
    );
    await stack.preview({ expectNoChanges: true });
  });

  describe("a 404 that is not eyeson's drops nothing", () => {
    let stack: EngineStack;
    const kept = async (): Promise<void> => {
      const state = await stack.exportState();
      for (const type of [PERMALINK, HOST, WEBHOOK])
        assert.equal(resourcesOfType(state, type).length, 1, type);
    };

    beforeEach(async () => {
      stack = await newStack(rooms(1));
      await stack.up();
    });
    afterEach(() => emu().faults.clear());

    it("a gateway's 404 page: refresh and destroy fail and keep every resource", async () => {
      emu().faults.inject({ path: "/**", status: 404, body: "Not found", times: Infinity });
      await assert.rejects(stack.refresh(), /was answered with 404 without eyeson's error body/);
      await kept();
      // The host goes first, and first reads whether a meeting runs in its room (liveMeetings: protect); that
      // read is answered by the gateway, so the step refuses before its delete, and nothing is dropped.
      await assert.rejects(
        stack.destroy(),
        /room-0-deputy: nothing was changed: whether a meeting is running in the room of permalink \w+ could not be read \(GET \/permalink\/\w+ failed \(404\): Not found — the answer is not in eyeson\'s error format/,
      );
      await kept();
      assert.equal(emu().store.permalinksOf(emu().apiKey).length, 1);
    });

    it("eyeson's error shape for everything, even a known-good request: refresh and destroy fail", async () => {
      emu().faults.inject({ path: "/**", status: 404, body: { error: "Not found" }, times: Infinity });
      await assert.rejects(stack.refresh(), /may not be eyeson's/);
      await kept();
      await assert.rejects(stack.destroy(), /was answered with 404, but .* the 404 may not be eyeson's/);
      await kept();
    });

    it("an endpoint with a wrong base path: the refresh fails and names the endpoint", async () => {
      await stack.setConfig("eyeson:endpoint", `${emu().url}/v2`);
      await assert.rejects(stack.refresh({ runProgram: true }), /another eyeson account or endpoint/);
      await kept();
      await stack.setConfig("eyeson:endpoint", emu().url);
      await stack.refresh({ expectNoChanges: true, runProgram: true });
    });
  });

  for (const [what, program, expected] of [
    [
      "an expiry of 31 February",
      async () => {
        new Permalink("war-room", { user: { name: "Lead" }, expiresAt: "2031-02-31T10:00:00Z" });
      },
      /expiresAt .*has a problem: must be an ISO 8601/,
    ],
    [
      "a webhook URL with credentials",
      async () => {
        new Webhook("incidents", { url: "https://user:secret@hooks.example.com/x", types: ["room_update"] });
      },
      /resource 'incidents' has a problem: url must not contain credentials/,
    ],
  ] as const) {
    it(`fails the preview on ${what} with the property and the reason, no stack trace, no request`, async () => {
      const stack = await newStack(program);
      const failed = await stack.preview().then(
        () => assert.fail("the preview should fail"),
        (err: unknown) => String(err),
      );
      assert.match(failed, expected);
      assert.ok(!failed.includes("user:secret"), "the credentials are not echoed");
      assert.ok(!/\n\s+at .*\.(js|ts):\d+/.test(failed.split("engine diagnostics:")[0]), "no stack trace");
      assert.deepEqual(apiRequests(emu()), []);
    });
  }

  it("fails a program's bad function argument with its message alone, no stack trace", async () => {
    const stack = await newStack(async () => {
      functions.listRoomRecordingsOutput({ roomId: "r", since: "2031-02-31T00:00:00Z" });
    });
    const failed = await stack.preview().then(
      () => assert.fail("the preview should fail"),
      (err: unknown) => String(err),
    );
    assert.match(failed, /listRoomRecordings: since must be an ISO 8601 date-time/);
    assert.ok(!/\n\s+at .*\.(js|ts):\d+/.test(failed.split("engine diagnostics:")[0]), "no stack trace");
  });
});
