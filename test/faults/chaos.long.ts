// Long fault runs (`npm run test:faults`, which CI runs too): a quarter of all requests faulted through the real
// engine, and a run killed while it creates. Each must end complete, with no duplicate and no orphan.
// Needs `npm run build` (the engine's provider host loads `pulumi-eyeson/provider/...` from dist).
import assert from "node:assert/strict";
import { startEmulator, type ChaosKind } from "../../emulator";
import { runOrphans } from "../../cli/orphans";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { Permalink } from "../../provider/resources/permalink";
import { PermalinkHost } from "../../provider/resources/permalinkHost";
import { Webhook } from "../../provider/resources/webhook";
import {
  createEngineStack,
  requireCli,
  resourcesOfType,
  type EngineProgram,
  type EngineStack,
} from "../engine/harness";
import { killRunProcesses, processesOfRun, type RunProcess } from "../engine/processes";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const PERMALINK = "pulumi-nodejs:dynamic/eyeson:Permalink";
const HOST = "pulumi-nodejs:dynamic/eyeson:PermalinkHost";
const WEBHOOK = "pulumi-nodejs:dynamic/eyeson:Webhook";
/** The mix: rate limits with Retry-After, server errors, resets before the server acts, latency. */
const FAULT_MIX: ChaosKind[] = ["429", "500", "502", "503", "reset", "delay"];

/** Prints one figure of the run (RELIABILITY.md quotes them). */
function report(line: string): void {
  process.stdout.write(`      figures: ${line}\n`);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The processes of the run in `dir` once they are gone, or after 10 s those still there. */
async function leftBehind(dir: string): Promise<RunProcess[]> {
  let left = processesOfRun(dir);
  for (let i = 0; i < 100 && left.length > 0; i++) {
    await sleep(100);
    left = processesOfRun(dir);
  }
  return left;
}

/** Faulted requests by what happened: `429×3, 0×2` (0 = reset). */
function byStatus(entries: readonly { status: number }[]): string {
  const counts = new Map<number, number>();
  for (const e of entries) counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => a[0] - b[0])
    .map(([status, n]) => `${status === 0 ? "reset" : status}×${n}`)
    .join(", ");
}

/** `rooms` rooms with `hosts` further hosts spread over them, and the webhook: rooms + hosts + 1 objects. */
const estate =
  (rooms: number, hosts: number): EngineProgram =>
  async () => {
    const permalinks = Array.from(
      { length: rooms },
      (_, i) => new Permalink(`room-${i}`, { name: `Room ${i}`, user: { name: "Lead", id: "lead" } }),
    );
    for (let i = 0; i < hosts; i++) {
      new PermalinkHost(`host-${i}`, {
        permalink: permalinks[i % rooms],
        user: { name: `Host ${i}`, id: `host-${i}` },
      });
    }
    new Webhook("incidents", { url: "https://hooks.example.com/eyeson", types: ["room_update"] });
  };

describe("long fault runs through the real engine", function () {
  this.timeout(900_000);

  let emulator: Emulator | undefined;
  const stacks: EngineStack[] = [];
  const emu = (): Emulator => emulator ?? assert.fail("emulator not started");

  before(async function () {
    requireCli(this);
    emulator = await startEmulator({ strict: true });
  });
  after(async () => {
    for (const stack of stacks.reverse()) await stack.dispose();
    await emulator?.close();
  });
  beforeEach(() => emu().reset());
  afterEach(async () => {
    // Leftovers eat the cores the next run measures with: no run may leave a process behind.
    for (const stack of stacks) {
      const left = await leftBehind(stack.runDir);
      assert.deepEqual(
        left.map((p) => p.command),
        [],
        `processes of the run in ${stack.runDir} still running`,
      );
    }
  });

  async function newStack(
    program: EngineProgram,
    stackName = "test",
    ownProcessGroup = false,
  ): Promise<EngineStack> {
    const stack = await createEngineStack({
      program,
      emulatorUrl: emu().url,
      apiKey: emu().apiKey,
      stackName,
      ownProcessGroup,
    });
    stacks.push(stack);
    return stack;
  }

  /** Asserts the account holds exactly the state's rooms (each once) and hosts, and the one webhook. */
  async function assertComplete(stack: EngineStack, rooms: number, hosts: number): Promise<void> {
    const state = await stack.exportState();
    const live = emu().store.permalinksOf(emu().apiKey);
    assert.equal(
      live.length,
      rooms,
      `${live.length} rooms in the account for ${rooms} declared: no duplicate`,
    );
    assert.equal(new Set(live.map((p) => p.name)).size, rooms, "every room once");
    const inState = new Set(resourcesOfType(state, PERMALINK).map((r) => r.id));
    for (const p of live) assert.ok(inState.has(p.id), `room ${p.name} is in the state: no orphan`);
    const liveHosts = live.flatMap((p) => p.hosts.filter((h) => !h.revoked && h.user.id !== "lead"));
    assert.equal(liveHosts.length, hosts, "every further host once");
    assert.equal(resourcesOfType(state, HOST).length, hosts);
    assert.equal(resourcesOfType(state, WEBHOOK).length, 1);
    assert.equal(emu().store.webhooks.get(emu().apiKey)?.id, resourcesOfType(state, WEBHOOK)[0]?.id);
  }

  for (const seed of [1, 2, 3]) {
    it(`converges in one up, and destroys in one destroy, with a quarter of requests faulted (seed ${seed})`, async () => {
      const stack = await newStack(estate(12, 17));
      emu().faults.chaos({ rate: 0.25, seed, kinds: FAULT_MIX, delayMs: 200 });
      await stack.up();
      emu().faults.clear();
      const log = emu().requests.list();
      const faulted = log.filter((r) => r.status === 0 || r.status >= 429);
      assert.ok(faulted.length >= 10, `${faulted.length} requests were faulted`);
      await assertComplete(stack, 12, 17);
      report(
        `up, seed ${seed}: ${log.length} requests, ${faulted.length} faulted (${byStatus(faulted)}); 12 rooms, 17 hosts, 1 webhook; 0 duplicates, 0 orphans`,
      );
      await stack.preview({ expectNoChanges: true });
      emu().faults.chaos({ rate: 0.25, seed: seed + 100, kinds: FAULT_MIX, delayMs: 200 });
      emu().requests.clear();
      await stack.destroy();
      emu().faults.clear();
      assert.equal(emu().store.permalinksOf(emu().apiKey).length, 0, "destroy left no room");
      assert.equal(emu().store.webhooks.size, 0, "destroy left no webhook");
      const gone = emu().requests.list();
      const goneFaulted = gone.filter((r) => r.status === 0 || r.status >= 429);
      report(
        `destroy, seed ${seed}: ${gone.length} requests, ${goneFaulted.length} faulted; 0 rooms and 0 webhooks left`,
      );
    });
  }

  it("recovers a run killed while it creates, by the README's procedure, with no duplicate and no orphan", async () => {
    const name = `killed-${Date.now().toString(36)}`;
    const stack = await newStack(estate(16, 0), name, true);
    // Slow creates, so the kill lands while many are in flight; at most four at a time, so that the creates
    // still in flight when the engine dies (they reach the server) never add up to the whole estate, however
    // fast the machine dispatches them.
    emu().faults.inject({ method: "POST", path: "/permalink", delayMs: 600, times: Infinity });
    const running = stack.up({ parallel: 4 }).then(
      () => "finished",
      () => "killed",
    );
    const deadline = Date.now() + 120_000;
    while (emu().store.permalinksOf(emu().apiKey).length < 4 && Date.now() < deadline) {
      await sleep(50);
    }
    const cli = processesOfRun(stack.runDir).filter((p) => / up .*--stack /.test(p.command));
    assert.equal(cli.length, 1, `the pulumi up of this run: ${JSON.stringify(cli)}`);
    assert.equal(cli[0]?.pgid, cli[0]?.pid, "the CLI leads a process group of its own");
    // The engine dies first, as when a CI job is killed; requests its provider host had in flight still
    // reach the server. Then the rest of the run: each plugin the CLI started leads a group of its own, and
    // outlives the CLI (orphaned, parent 1) unless it is killed too.
    killRunProcesses(cli);
    assert.equal(await running, "killed");
    await sleep(2_000);
    const plugins = processesOfRun(stack.runDir);
    killRunProcesses(plugins);
    const left = await leftBehind(stack.runDir);
    assert.deepEqual(
      left.map((p) => p.command),
      [],
      "no process of the killed run is left",
    );
    report(`killed run: the CLI's group, then ${plugins.length} plugin processes it left running, killed`);
    emu().faults.clear();
    const before = emu().store.permalinksOf(emu().apiKey).length;
    assert.ok(before > 0 && before < 16, `${before} rooms existed when the run died`);

    // The README's procedure: release the dead run's lock, forget the creates that were in flight, create what
    // is missing, remove what the interrupted creates left behind.
    await stack.stack.cancel();
    await stack.refresh({ clearPendingCreates: true });
    await stack.up();
    const leftovers = emu().store.permalinksOf(emu().apiKey).length - 16;
    const output: string[] = [];
    const exported = JSON.stringify(await stack.exportState());
    const client = new EyesonClient({
      apiKey: emu().apiKey,
      endpoint: emu().url,
      retry: NO_DELAY_RETRY_POLICY,
      env: {},
    });
    try {
      const code = await runOrphans(
        ["--state", "-", "--delete"],
        { env: {}, stdout: (text) => output.push(text), stderr: () => undefined },
        client,
        () => exported,
      );
      assert.equal(code, 0);
    } finally {
      await client.close();
    }
    assert.equal(output.filter((line) => line.startsWith("deleted ")).length, leftovers, output.join(""));
    report(
      `killed run: ${before} of 16 rooms existed when the run died; after refresh and up ${16 + leftovers}; ` +
        `orphans --delete removed ${leftovers}; 16 rooms, 0 duplicates, 0 orphans`,
    );
    await assertComplete(stack, 16, 0);
    await stack.preview({ expectNoChanges: true });
  });
});
