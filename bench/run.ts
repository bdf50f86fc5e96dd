// npm run bench: pulumi-eyeson's speed, size and memory, each measured beside its floor in the same run.
//
//   npm run bench                                   every section; engine at N = 10, 50, 200; 3 repetitions
//   npm run bench -- --sizes 10,50,100,200 --reps 5 a larger engine matrix (takes about three times as long)
//   npm run bench -- --only client,emulator         some sections: providers, engine, client, emulator,
//                                                   typecheck, failing
//   npm run bench -- --profile                      also CPU profiles of a refresh and an unchanged up of
//                                                   each engine variant at the largest N
//
// Prints Markdown tables and writes bench/results.json (and .work/bench/report.md). Every timing is the median
// of the repetitions with min and max, beside its floor's, measured alternately in the same run; ratios are
// ours / floor. Builds dist/ first and provisions the Pulumi CLI with scripts/install-pulumi.sh.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { startEmulator, type EmulatorHandle } from "../emulator";
import { EyesonClient } from "../provider/client";
import { provisionCli, type BenchCli } from "./cli";
import { benchClient, serverThroughput, summarizeRuns, type LoadRun } from "./client";
import { startEmulatorProcess, startFloorServer } from "./emulatorProcess";
import { engineSection } from "./engineSection";
import { benchFailing } from "./failing";
import { providerSizes, requestsPerOperation } from "./providers";
import { fixed, spread, times, type Summary } from "./stats";
import {
  parseOptions,
  print,
  progress,
  reportLines,
  results,
  ROOT,
  table,
  WORK,
  type Options,
} from "./report";
import { benchTypecheck } from "./typecheck";

// ---- Providers --------------------------------------------------------------------------------------

async function providersSection(emulator: EmulatorHandle): Promise<void> {
  const sizes = await providerSizes();
  print("### Serialized provider per resource (bytes; stored twice in every resource's state)");
  print();
  table(
    ["resource", "ours", "the implementation passed directly", "smaller by"],
    Object.entries(sizes).map(([kind, s]) => [
      kind,
      String(s.ours),
      String(s.conventional),
      times(s.conventional / s.ours),
    ]),
  );
  const requests = await requestsPerOperation(emulator);
  print("### Requests per provider operation (called directly against the emulator)");
  print();
  table(
    ["operation", "requests", "routes"],
    Object.entries(requests).map(([op, routes]) => [op, String(routes.length), routes.join(", ")]),
  );
  results.providers = { sizes, requests };
  emulator.reset();
}

// ---- Client and emulator ------------------------------------------------------------------------------

const HTTP_KEY = "emu_bench_http_key_0123456789abcdef";

async function clientSection(opts: Options): Promise<void> {
  const server = await startEmulatorProcess(HTTP_KEY);
  try {
    const setup = new EyesonClient({ endpoint: server.url, apiKey: HTTP_KEY, env: {} });
    const { permalink } = await setup.createPermalink({ name: "Bench", user: { name: "Bench" } });
    await setup.close();
    progress("client: EyesonClient.getPermalink beside bare undici request");
    const calls = 2000;
    const measured = await benchClient({
      url: server.url,
      apiKey: HTTP_KEY,
      permalinkId: permalink.id,
      calls,
      concurrencies: [1, 32],
      reps: Math.max(opts.reps, 3),
    });
    print(
      `### Client: ${calls} \`getPermalink\` calls against the emulator (its own process), beside bare undici \`request\` + \`body.json()\` (median (min–max) of ${Math.max(opts.reps, 3)})`,
    );
    print();
    const rows: string[][] = [];
    for (const [concurrency, r] of Object.entries(measured)) {
      rows.push([
        concurrency,
        "undici",
        spread(r.undici.reqPerSec, 0),
        spread(r.undici.p50Ms, 2),
        spread(r.undici.p99Ms, 2),
        fixed(r.undici.socketsOpened.median, 0),
        "",
      ]);
      rows.push([
        concurrency,
        "EyesonClient",
        spread(r.client.reqPerSec, 0),
        spread(r.client.p50Ms, 2),
        spread(r.client.p99Ms, 2),
        fixed(r.client.socketsOpened.median, 0),
        times(r.client.reqPerSec.median / r.undici.reqPerSec.median),
      ]);
    }
    table(
      ["in flight", "side", "req/s", "p50 ms", "p99 ms", "sockets opened", "req/s client / undici"],
      rows,
    );
    results.client = measured;
  } finally {
    await server.close();
  }
}

async function emulatorSection(opts: Options): Promise<void> {
  const emulator = await startEmulatorProcess(HTTP_KEY);
  const floor = await startFloorServer();
  try {
    const setup = new EyesonClient({ endpoint: emulator.url, apiKey: HTTP_KEY, env: {} });
    const { permalink } = await setup.createPermalink({ name: "Bench", user: { name: "Bench" } });
    await setup.close();
    const runs: Record<"emulator" | "floor", { get: LoadRun[]; mix: LoadRun[] }> = {
      emulator: { get: [], mix: [] },
      floor: { get: [], mix: [] },
    };
    const reps = Math.max(opts.reps, 3);
    for (let rep = 0; rep < reps; rep++) {
      for (const name of rep % 2 === 0
        ? (["floor", "emulator"] as const)
        : (["emulator", "floor"] as const)) {
        progress(`emulator: ${name}, repetition ${rep + 1} of ${reps}`);
        const url = name === "emulator" ? emulator.url : floor.url;
        const r = await serverThroughput({
          url,
          apiKey: HTTP_KEY,
          permalinkId: permalink.id,
          calls: 4000,
          concurrency: 32,
        });
        runs[name].get.push(r.get);
        runs[name].mix.push(r.mix);
      }
    }
    print(
      `### Emulator: requests per second on loopback, 32 in flight, 4000 requests (median (min–max) of ${reps})`,
    );
    print();
    const row = (label: string, key: "get" | "mix"): string[] => {
      const e = summarizeRuns(runs.emulator[key]);
      const f = summarizeRuns(runs.floor[key]);
      return [
        label,
        spread(f.reqPerSec, 0),
        spread(e.reqPerSec, 0),
        times(e.reqPerSec.median / f.reqPerSec.median),
        spread(e.p99Ms, 2),
      ];
    };
    table(
      [
        "workload",
        "floor (bare node:http, fixed 1 KB answer)",
        "emulator",
        "emulator / floor",
        "emulator p99 ms",
      ],
      [row("GET /permalink/:id", "get"), row("1 POST /permalink per GET", "mix")],
    );
    results.emulator = {
      emulator: { get: summarizeRuns(runs.emulator.get), mix: summarizeRuns(runs.emulator.mix) },
      floor: { get: summarizeRuns(runs.floor.get), mix: summarizeRuns(runs.floor.mix) },
    };
  } finally {
    await emulator.close();
    await floor.close();
  }
}

// ---- Type checking and failing programs ------------------------------------------------------------------

async function typecheckSection(opts: Options): Promise<void> {
  const reps = Math.max(opts.reps, 3);
  progress("typecheck: tsc on a program with and without pulumi-eyeson");
  const r = await benchTypecheck(path.join(WORK, "typecheck"), reps);
  print(
    `### Type checking a user's program: \`tsc -p\` with Pulumi's template options (seconds, median (min–max) of ${reps})`,
  );
  print();
  table(
    ["program", "tsc", "files loaded", "of them undici's", "ratio"],
    [
      [
        "imports @pulumi/pulumi (floor)",
        spread(scale(r.plain.wallMs, 1 / 1000), 2),
        String(r.plain.files),
        String(r.plain.undiciFiles),
        "",
      ],
      [
        "also imports pulumi-eyeson",
        spread(scale(r.eyeson.wallMs, 1 / 1000), 2),
        String(r.eyeson.files),
        String(r.eyeson.undiciFiles),
        times(r.eyeson.wallMs.median / r.plain.wallMs.median),
      ],
    ],
  );
  results.typecheck = r;
}

function scale(s: Summary, k: number): Summary {
  return { median: s.median * k, min: s.min * k, max: s.max * k, runs: s.runs };
}

async function failingSection(cli: BenchCli, opts: Options, emulator: EmulatorHandle): Promise<void> {
  const reps = Math.max(opts.reps, 3);
  progress("failing: pulumi preview of programs that throw");
  const r = await benchFailing({
    root: path.join(WORK, "failing"),
    cliBin: cli.bin,
    emulatorUrl: emulator.url,
    reps,
  });
  print(
    `### Time to report a failing program: \`pulumi preview\`, from the throw (seconds, median (min–max) of ${reps})`,
  );
  print();
  table(
    ["program", "error shown", "CLI exited"],
    Object.entries(r).map(([name, t]) => [
      name,
      spread(scale(t.shownMs, 1 / 1000), 2),
      spread(scale(t.exitMs, 1 / 1000), 2),
    ]),
  );
  results.failing = r;
}

// ---- Main --------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const started = performance.now();
  fs.mkdirSync(WORK, { recursive: true });
  progress("building dist/ (the engine's provider host and the emulator process load it)");
  execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "link-self.js")], { stdio: "inherit" });
  const needsCli = opts.only.has("engine") || opts.only.has("failing");
  const cli = needsCli ? provisionCli(WORK) : undefined;

  const cpu = os.cpus();
  const machine = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: `${cpu.length} × ${cpu[0]?.model ?? "unknown"}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
    pulumi: cli ? `${cli.version}, language host: ${cli.languageHost}` : "not used",
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
  };
  results.machine = machine;
  print(`## pulumi-eyeson benchmark, ${machine.date}`);
  print();
  print(
    `Machine: ${machine.cpus}, ${machine.memoryGb} GB, ${machine.platform}; Node ${machine.node}; Pulumi CLI ${machine.pulumi}.`,
  );
  print(`Command: \`${machine.command}\`. Load average at start: ${machine.loadAverageAtStart.join(", ")}.`);
  print();

  const emulator = await startEmulator({ strict: true });
  try {
    if (opts.only.has("providers")) await providersSection(emulator);
    if (opts.only.has("engine") && cli) await engineSection(cli, opts, emulator);
    if (opts.only.has("client")) await clientSection(opts);
    if (opts.only.has("emulator")) await emulatorSection(opts);
    if (opts.only.has("typecheck")) await typecheckSection(opts);
    if (opts.only.has("failing") && cli) await failingSection(cli, opts, emulator);
  } finally {
    await emulator.close();
  }
  const minutes = (performance.now() - started) / 60_000;
  const end = os.loadavg().map((l) => l.toFixed(2));
  print(`Took ${fixed(minutes, 1)} min; load average at the end: ${end.join(", ")}.`);
  (results.machine as Record<string, unknown>).loadAverageAtEnd = end.map(Number);
  (results.machine as Record<string, unknown>).minutes = minutes;
  fs.writeFileSync(path.join(__dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(WORK, "report.md"), `${reportLines().join("\n")}\n`);
  process.stderr.write(`wrote bench/results.json and .work/bench/report.md\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
