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
import {
  createWorkspace,
  cycle,
  runCli,
  OPERATIONS,
  VARIANTS,
  type Operation,
  type OperationRun,
  type Variant,
} from "./engine";
import { benchFailing } from "./failing";
import { CAN_SAMPLE } from "./processes";
import { summarizeProfiles, type ProfileSummary } from "./profile";
import { providerSizes, requestsPerOperation } from "./providers";
import { fixed, spread, summarize, times, type Summary } from "./stats";
import { benchTypecheck } from "./typecheck";

const ROOT = path.resolve(__dirname, "..");
const WORK = path.join(ROOT, ".work", "bench");
const SECTIONS = ["providers", "engine", "client", "emulator", "typecheck", "failing"] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  readonly sizes: number[];
  readonly reps: number;
  readonly only: Set<Section>;
  readonly profile: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = (value("--sizes") ?? "10,50,200").split(",").map(Number);
  const reps = Number(value("--reps") ?? "3");
  const only = new Set((value("--only") ?? SECTIONS.join(",")).split(",") as Section[]);
  for (const s of only)
    if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s}; known: ${SECTIONS.join(", ")}`);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(reps) || reps < 1) {
    throw new Error("--sizes takes positive integers (10,50,200) and --reps a positive integer");
  }
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    reps,
    only,
    profile: argv.includes("--profile"),
  };
}

const out: string[] = [];
function print(text = ""): void {
  process.stdout.write(`${text}\n`);
  out.push(text);
}
function table(head: readonly string[], rows: readonly (readonly string[])[]): void {
  print(`| ${head.join(" | ")} |`);
  print(`|${head.map(() => "---").join("|")}|`);
  for (const row of rows) print(`| ${row.join(" | ")} |`);
  print();
}
function progress(text: string): void {
  process.stderr.write(`  … ${text}\n`);
}
const mb = (kb: number): number => kb / 1024;

/** Everything written to bench/results.json. */
const results: Record<string, unknown> = {};

// ---- Engine -------------------------------------------------------------------------------------------

type EngineRuns = Map<number, Record<Variant, Record<Operation, OperationRun[]>>>;
const LABEL: Record<Variant, string> = { floor: "floor", shapedFloor: "shaped floor", ours: "ours" };
const opLabel = (op: Operation): string => (op === "unchanged" ? "up (no changes)" : op);

async function engineSection(cli: BenchCli, opts: Options, emulator: EmulatorHandle): Promise<void> {
  const ws = await createWorkspace(path.join(WORK, "engine"), cli.bin, emulator);
  const empty = (): Record<Operation, OperationRun[]> => ({
    up: [],
    unchanged: [],
    refresh: [],
    destroy: [],
  });
  const runs: EngineRuns = new Map(
    opts.sizes.map((n) => [n, { floor: empty(), shapedFloor: empty(), ours: empty() }]),
  );
  const maxN = opts.sizes.at(-1) as number;
  for (let rep = 0; rep < opts.reps; rep++) {
    for (const [sizeIndex, n] of opts.sizes.entries()) {
      // Each repetition and size starts with another variant, so no variant always runs first or last.
      // The shaped floor only at the largest size, where it explains the ratio; the others at every size.
      const variants = n === maxN ? VARIANTS : VARIANTS.filter((v) => v !== "shapedFloor");
      const shift = (rep + sizeIndex) % variants.length;
      const order = [...variants.slice(shift), ...variants.slice(0, shift)];
      for (const variant of order) {
        progress(`engine: ${LABEL[variant]}, N = ${n}, repetition ${rep + 1} of ${opts.reps}`);
        const cycleRuns = await cycle(ws, variant, n, emulator);
        for (const op of Object.keys(OPERATIONS) as Operation[])
          runs.get(n)?.[variant][op].push(cycleRuns[op]);
      }
      emulator.reset();
    }
  }

  const seconds = (n: number, variant: Variant, op: Operation): Summary =>
    summarize((runs.get(n)?.[variant][op] ?? []).map((r) => r.ms / 1000));
  print(
    `### Engine: N permalinks beside N do-nothing dynamic resources (seconds, median (min–max) of ${opts.reps})`,
  );
  print();
  print(
    "Commands: `pulumi up --yes --skip-preview` (create N, then again without changes), " +
      "`pulumi refresh --yes --skip-preview`, `pulumi destroy --yes --skip-preview`, each a project folder run " +
      "by the CLI. The floor's provider does nothing and its resources have the permalinks' inputs; the shaped " +
      "floor's also declare a Permalink's 14 outputs (4 secret) and get values for them.",
  );
  print();
  const rows: string[][] = [];
  const engineJson: Record<string, unknown> = {};
  for (const op of Object.keys(OPERATIONS) as Operation[]) {
    let previous: { n: number; medians: Record<Variant, number> } | undefined;
    for (const n of opts.sizes) {
      const s = {
        floor: seconds(n, "floor", op),
        shapedFloor: seconds(n, "shapedFloor", op),
        ours: seconds(n, "ours", op),
      };
      const medians = { floor: s.floor.median, shapedFloor: s.shapedFloor.median, ours: s.ours.median };
      const prev = previous;
      const perAdded = (v: Variant): string =>
        prev ? fixed(((medians[v] - prev.medians[v]) / (n - prev.n)) * 1000, 0) : "";
      const marginal = prev ? `${perAdded("floor")} / ${perAdded("ours")}` : "";
      rows.push([
        opLabel(op),
        String(n),
        spread(s.floor),
        s.shapedFloor.runs > 0 ? spread(s.shapedFloor) : "",
        spread(s.ours),
        times(medians.ours / medians.floor),
        s.shapedFloor.runs > 0 ? times(medians.ours / medians.shapedFloor) : "",
        marginal,
      ]);
      engineJson[`${op}/${n}`] = {
        seconds: s,
        oursOverFloor: medians.ours / medians.floor,
        oursOverShapedFloor: medians.ours / medians.shapedFloor,
        requests: runs.get(n)?.ours[op][0]?.requests,
      };
      previous = { n, medians };
    }
  }
  table(
    [
      "operation",
      "N",
      "floor",
      "shaped floor",
      "ours",
      "ours / floor",
      "ours / shaped floor",
      "ms per added resource (floor / ours)",
    ],
    rows,
  );
  results.engine = { sizes: opts.sizes, reps: opts.reps, operations: engineJson };

  print("Requests ours sent, per operation and resource (the floors send none):");
  print();
  table(
    ["operation", ...opts.sizes.map((n) => `N = ${n}`)],
    (Object.keys(OPERATIONS) as Operation[]).map((op) => [
      opLabel(op),
      ...opts.sizes.map((n) => {
        const requests = runs.get(n)?.ours[op][0]?.requests ?? {};
        const total = Object.values(requests).reduce((a, b) => a + b, 0);
        return `${fixed(total / n, 2)} (${Object.keys(requests).join(", ") || "none"})`;
      }),
    ]),
  );

  if (CAN_SAMPLE) {
    const peak = (n: number, variant: Variant, role: "program" | "providerHost"): Summary => {
      const byRep = runs.get(n)?.[variant] ?? empty();
      const perRep = byRep.up.map((_, i) =>
        Math.max(...(Object.keys(OPERATIONS) as Operation[]).map((op) => byRep[op][i]?.peaks[role] ?? 0)),
      );
      return summarize(perRep.map(mb));
    };
    print(`### Memory: peak RSS over the four operations (MB, median (min–max) of ${opts.reps})`);
    print();
    const memRows: string[][] = [];
    const memJson: Record<string, unknown> = {};
    for (const role of ["program", "providerHost"] as const) {
      const name = role === "program" ? "program" : "dynamic-provider host";
      for (const n of opts.sizes) {
        const p = {
          floor: peak(n, "floor", role),
          shapedFloor: peak(n, "shapedFloor", role),
          ours: peak(n, "ours", role),
        };
        memRows.push([
          name,
          String(n),
          spread(p.floor, 0),
          p.shapedFloor.runs > 0 ? spread(p.shapedFloor, 0) : "",
          spread(p.ours, 0),
          times(p.ours.median / p.floor.median),
        ]);
        memJson[`${role}/${n}`] = p;
      }
      const [first, last] = [opts.sizes[0], opts.sizes.at(-1) as number];
      if (last > first) {
        const slope = (v: Variant): string =>
          fixed(((peak(last, v, role).median - peak(first, v, role).median) / (last - first)) * 1024, 0);
        memRows.push([
          `${name}: KB per added resource`,
          `${first}→${last}`,
          slope("floor"),
          "",
          slope("ours"),
          "",
        ]);
      }
    }
    table(["process", "N", "floor", "shaped floor", "ours", "ours / floor"], memRows);
    results.memory = memJson;
  }

  // The state the engine stored at the largest size: one more up of each, then `pulumi stack export`.
  const n = opts.sizes.at(-1) as number;
  const stateRows: string[][] = [];
  const stateJson: Record<string, unknown> = {};
  for (const variant of VARIANTS) {
    progress(`engine: state of ${LABEL[variant]} at N = ${n}`);
    await runCli(ws, ws.dirs[variant], OPERATIONS.up, { BENCH_N: String(n) });
    const exported = execFileSync(cli.bin, ["stack", "export", "--stack", "bench", "--non-interactive"], {
      cwd: ws.dirs[variant],
      env: ws.env,
      maxBuffer: 256 * 1024 * 1024,
      encoding: "utf8",
    });
    const resources =
      (
        JSON.parse(exported) as {
          deployment: { resources?: { type: string; inputs?: { __provider?: string } }[] };
        }
      ).deployment.resources ?? [];
    const dynamic = resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
    const providerBytes =
      dynamic.reduce((sum, r) => sum + Buffer.byteLength(r.inputs?.__provider ?? ""), 0) / dynamic.length;
    const perResource = Buffer.byteLength(exported) / dynamic.length;
    stateRows.push([LABEL[variant], String(dynamic.length), fixed(providerBytes, 0), fixed(perResource, 0)]);
    stateJson[variant] = {
      resources: dynamic.length,
      providerBytesPerResource: providerBytes,
      stateBytesPerResource: perResource,
    };
    if (opts.profile) await profileUp(ws, variant, n);
    await runCli(ws, ws.dirs[variant], OPERATIONS.destroy, { BENCH_N: String(n) });
  }
  print(
    `### State at N = ${n} (\`pulumi stack export\`; the provider text is stored once more in each resource's outputs)`,
  );
  print();
  table(
    ["variant", "resources", "__provider bytes per resource (inputs)", "exported state bytes per resource"],
    stateRows,
  );
  results.state = stateJson;
  emulator.reset();
}

async function profileUp(
  ws: Awaited<ReturnType<typeof createWorkspace>>,
  variant: Variant,
  n: number,
): Promise<void> {
  const dir = path.join(WORK, "profiles", variant);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  progress(`profile: ${variant}, refresh and up without changes at N = ${n}`);
  const preload = path.join(__dirname, "cpuProfilePreload.js");
  const env = { BENCH_N: String(n), BENCH_PROFILE_DIR: dir, NODE_OPTIONS: `--require ${preload}` };
  await runCli(ws, ws.dirs[variant], OPERATIONS.refresh, env);
  await runCli(ws, ws.dirs[variant], OPERATIONS.unchanged, env);
  const summaries = summarizeProfiles(dir, ROOT);
  (results.profiles ??= {}) as Record<string, ProfileSummary[]>;
  (results.profiles as Record<string, ProfileSummary[]>)[variant] = summaries;
  print(
    `### CPU profile of \`refresh\` and an \`up\` without changes, ${variant}, N = ${n} (self time, ms; profiles in .work/bench/profiles/${variant})`,
  );
  print();
  for (const s of summaries.filter((x) => x.process !== "other")) {
    const busy = Object.entries(s.byPackage)
      .filter(([pkg]) => pkg !== "(idle)")
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([pkg, ms]) => `${pkg} ${fixed(ms, 0)}`)
      .join(", ");
    print(
      `- ${s.process} (${s.file}): ${fixed(s.totalMs, 0)} ms in all, ${fixed(s.byPackage["(idle)"] ?? 0, 0)} idle; ${busy}`,
    );
  }
  print();
}

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

  const emulator = await startEmulator();
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
  fs.writeFileSync(path.join(WORK, "report.md"), `${out.join("\n")}\n`);
  process.stderr.write(`wrote bench/results.json and .work/bench/report.md\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
