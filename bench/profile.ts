// Where the time goes: `node --cpu-prof` profiles of every Node process of one engine operation (the program,
// the dynamic-provider host, the language host), summarized as self time per package.
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

/** Summarizes every `.cpuprofile` in `dir`. */
export function summarizeProfiles(dir: string, repoRoot: string): ProfileSummary[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((file) => {
      const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const byPackage: Record<string, number> = {};
      let total = 0;
      profile.samples.forEach((id, i) => {
        const ms = (profile.timeDeltas[i] ?? 0) / 1000;
        total += ms;
        const node = byId.get(id);
        const key = node ? packageOf(node.callFrame, repoRoot) : "(unknown)";
        byPackage[key] = (byPackage[key] ?? 0) + ms;
      });
      return { process: processOf(profile), file, totalMs: total, byPackage };
    });
}
