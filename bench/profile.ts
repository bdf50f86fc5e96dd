// Where the time goes: CPU profiles of every Node process of an engine operation (the program, the
// dynamic-provider host, the language host; see cpuProfilePreload.js), summarized as self time per package.
import * as fs from "node:fs";
import * as path from "node:path";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** One process's profile: which process it was, how long it ran, and its self time by package. */
export interface ProfileSummary {
  readonly process: string;
  readonly file: string;
  readonly totalMs: number;
  /** Self time in ms by package (`@pulumi/pulumi`, `pulumi-eyeson`, `(garbage collector)`, `node:internal`…). */
  readonly byPackage: Record<string, number>;
}

/** The package a frame belongs to, from its script URL. */
function packageOf(frame: ProfileNode["callFrame"], repoRoot: string): string {
  const { url, functionName } = frame;
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node:internal";
  const file = url.startsWith("file://") ? url.slice("file://".length) : url;
  const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
  if (match) return match[1].replace(/\\/g, "/");
  if (file.startsWith(path.join(repoRoot, "dist"))) return "pulumi-eyeson";
  return "(program and other scripts)";
}

function processOf(profile: CpuProfile): string {
  const urls = profile.nodes.map((n) => n.callFrame.url);
  if (urls.some((u) => u.includes("cmd/dynamic-provider"))) return "dynamic-provider host";
  if (urls.some((u) => u.includes("cmd/run"))) return "program";
  if (urls.some((u) => u.includes("pulumi-language-nodejs"))) return "language host";
  return "other";
}

/** Summarizes the `<pid>-<n>.cpuprofile` chunks in `dir`, one summary per process. */
export function summarizeProfiles(dir: string, repoRoot: string): ProfileSummary[] {
  const byPid = new Map<string, { process: string; totalMs: number; byPackage: Record<string, number> }>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const pid = file.split("-")[0];
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    const entry = byPid.get(pid) ?? { process: "other", totalMs: 0, byPackage: {} };
    const kind = processOf(profile);
    if (kind !== "other") entry.process = kind;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      entry.totalMs += ms;
      const node = byId.get(id);
      const key = node ? packageOf(node.callFrame, repoRoot) : "(unknown)";
      entry.byPackage[key] = (entry.byPackage[key] ?? 0) + ms;
    });
    byPid.set(pid, entry);
  }
  return [...byPid.entries()].map(([pid, e]) => ({ ...e, file: `pid ${pid}` }));
}
