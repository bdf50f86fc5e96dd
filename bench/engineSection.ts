// The engine section of `npm run bench`: each operation of a stack of N permalinks through the real engine,
// ours beside the floors, and CPU profiles with `--profile`.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { EmulatorHandle } from "../emulator";
import type { BenchCli } from "./cli";
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
import { summarizeProfiles, type ProfileSummary } from "./profile";
import { CAN_SAMPLE } from "./processes";
import { mb, print, progress, results, ROOT, table, WORK, type Options } from "./report";
import { fixed, spread, summarize, times, type Summary } from "./stats";

type EngineRuns = Map<number, Record<Variant, Record<Operation, OperationRun[]>>>;
const LABEL: Record<Variant, string> = { floor: "floor", shapedFloor: "shaped floor", ours: "ours" };
const opLabel = (op: Operation): string => (op === "unchanged" ? "up (no changes)" : op);

/** Runs the engine section and prints its tables. */
export async function engineSection(cli: BenchCli, opts: Options, emulator: EmulatorHandle): Promise<void> {
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
