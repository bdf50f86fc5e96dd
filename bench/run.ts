// npm run bench: the speed and size figures of pulumi-eyeson, measured against the emulator on loopback.
//
//   client      latency and throughput of one keep-alive client, sequential and 8 in flight
//   resources   requests each provider operation sends, and the provider text stored per resource
//   engine      wall time of up / preview / refresh / destroy of the standing-rooms dev stack (--engine)
//
// Figures vary with the machine; the report states its sample sizes so runs can be compared.
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, type EmulatorHandle } from "../emulator";
import { EyesonClient } from "../provider/client";
import { Permalink, PermalinkProvider } from "../provider/resources/permalink";
import { PermalinkHost, PermalinkHostProvider } from "../provider/resources/permalinkHost";
import { Webhook, WebhookProvider } from "../provider/resources/webhook";

const root = path.resolve(__dirname, "..");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function line(label: string, value: string): void {
  process.stdout.write(`  ${label.padEnd(44)} ${value}\n`);
}

async function benchClient(emulator: EmulatorHandle): Promise<void> {
  process.stdout.write("\nclient (GET /permalink/:id over one keep-alive connection pool)\n");
  const client = new EyesonClient({ endpoint: emulator.url, apiKey: emulator.apiKey });
  const { permalink } = await client.createPermalink({ name: "bench", user: { name: "Bench" } });
  for (let i = 0; i < 50; i++) await client.getPermalink(permalink.id); // warm-up

  const samples: number[] = [];
  const sequential = 2000;
  let t0 = performance.now();
  for (let i = 0; i < sequential; i++) {
    const s = performance.now();
    await client.getPermalink(permalink.id);
    samples.push(performance.now() - s);
  }
  let elapsed = performance.now() - t0;
  samples.sort((a, b) => a - b);
  line(`sequential, ${sequential} requests`, `${((sequential / elapsed) * 1000).toFixed(0)} req/s`);
  line(
    "latency p50 / p99",
    `${percentile(samples, 50).toFixed(2)} ms / ${percentile(samples, 99).toFixed(2)} ms`,
  );

  const concurrent = 4000;
  const inFlight = 8;
  let next = 0;
  t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < concurrent) {
        next++;
        await client.getPermalink(permalink.id);
      }
    }),
  );
  elapsed = performance.now() - t0;
  line(
    `${inFlight} in flight, ${concurrent} requests`,
    `${((concurrent / elapsed) * 1000).toFixed(0)} req/s`,
  );
  await client.deletePermalink(permalink.id);
  await client.close();
}

async function benchResources(emulator: EmulatorHandle): Promise<void> {
  process.stdout.write("\nresources (requests per provider operation, sent to the emulator)\n");
  const config = {
    get: (key: string) => ({ "eyeson:apiKey": emulator.apiKey, "eyeson:endpoint": emulator.url })[key],
  };
  const configure = { config: config as unknown as pulumi.dynamic.Config };
  const measure = async <T>(label: string, op: () => Promise<T>): Promise<T> => {
    const before = emulator.requests.list().length;
    const result = await op();
    const routes = emulator.requests
      .list()
      .slice(before)
      .map((r) => r.route);
    line(label, `${routes.length}: ${routes.join(", ")}`);
    return result;
  };

  const permalinks = new PermalinkProvider();
  await permalinks.configure(configure);
  const declaredRoom = { name: "Bench room", user: { name: "Host", id: "host" } };
  const pInputs = (await permalinks.check(declaredRoom, declaredRoom)).inputs ?? declaredRoom;
  const created = await measure("Permalink create", () => permalinks.create(pInputs));
  const pid = created.id;
  const pOuts = created.outs ?? { ...pInputs };
  await measure("Permalink read (refresh)", () => permalinks.read(pid, pOuts));
  const renamed = { ...pInputs, name: "Renamed" };
  const pNews = (await permalinks.check(pInputs, renamed)).inputs ?? renamed;
  await measure("Permalink update", () => permalinks.update(pid, pOuts, pNews));

  const hosts = new PermalinkHostProvider();
  await hosts.configure(configure);
  const declaredHost = { permalinkId: pid, user: { name: "Deputy", id: "deputy" } };
  const hInputs = (await hosts.check(declaredHost, declaredHost)).inputs ?? declaredHost;
  const host = await measure("PermalinkHost create", () => hosts.create(hInputs));
  const hOuts = host.outs ?? { ...hInputs };
  await measure("PermalinkHost read (refresh)", () => hosts.read(host.id, hOuts));
  await measure("PermalinkHost delete", () => hosts.delete(host.id, hOuts));
  await measure("Permalink delete", () => permalinks.delete(pid, pOuts));

  const webhooks = new WebhookProvider();
  await webhooks.configure(configure);
  const declaredHook = { url: "https://hooks.example.com/eyeson", types: ["room_update" as const] };
  const wInputs = (await webhooks.check(declaredHook, declaredHook)).inputs ?? declaredHook;
  const hook = await measure("Webhook create", () => webhooks.create(wInputs));
  const wOuts = hook.outs ?? { ...wInputs };
  await measure("Webhook read (refresh)", () => webhooks.read(hook.id, wOuts));
  await measure("Webhook delete", () => webhooks.delete(hook.id, wOuts));

  process.stdout.write("\nresources (serialized provider text stored in the state, per resource, twice)\n");
  const providers: Record<string, string> = {};
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        providers[args.type] = String((args.inputs as Record<string, unknown>).__provider ?? "");
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    "bench",
    "bench",
    false,
  );
  const declared = [
    new Permalink("p", { user: { name: "Host" } }),
    new PermalinkHost("h", { permalinkId: "0123456789abcdef01234567", user: { name: "Deputy" } }),
    new Webhook("w", { url: "https://hooks.example.com/x", types: ["room_update"] }),
  ];
  await Promise.all(declared.map((r) => new Promise<void>((resolve) => r.urn.apply(() => resolve()))));
  for (const [type, text] of Object.entries(providers)) line(type, `${Buffer.byteLength(text)} bytes`);
}

async function benchEngine(): Promise<void> {
  process.stdout.write(
    "\nengine (npm run demo: every step of the standing-rooms and situation-room stacks)\n",
  );
  const t0 = performance.now();
  const out = execFileSync("npm", ["run", "--silent", "demo"], { cwd: root, encoding: "utf8" });
  const elapsed = (performance.now() - t0) / 1000;
  const verdict = out.trim().split("\n").pop() ?? "";
  line("demo wall time (warm CLI, 9 engine operations)", `${elapsed.toFixed(1)} s (${verdict})`);
}

async function main(): Promise<void> {
  process.stdout.write(
    `pulumi-eyeson bench — node ${process.version}, ${os.cpus().length} cores, ${os.platform()}\n`,
  );
  const emulator = await startEmulator();
  try {
    await benchClient(emulator);
    await benchResources(emulator);
  } finally {
    await emulator.close();
  }
  if (process.argv.includes("--engine")) await benchEngine();
  else process.stdout.write("\n(engine timings: npm run bench -- --engine)\n");
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
