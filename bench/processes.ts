// Peak resident memory of the processes an engine operation starts, read from /proc (Linux only): the CLI's
// descendants are found through /proc/<pid>/task/<tid>/children and classified by their command line.
import * as fs from "node:fs";

/** The processes the report tells apart. */
export type Role = "program" | "providerHost" | "languageHost" | "cli";

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined; // the process exited between listing and reading
  }
}

function children(pid: number): number[] {
  const tasks = (() => {
    try {
      return fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      return [];
    }
  })();
  return tasks.flatMap((tid) =>
    (read(`/proc/${pid}/task/${tid}/children`) ?? "").split(/\s+/).filter(Boolean).map(Number),
  );
}

function roleOf(pid: number): Role | undefined {
  const cmdline = (read(`/proc/${pid}/cmdline`) ?? "").split("\0").join(" ");
  if (cmdline.includes("dynamic-provider")) return "providerHost";
  if (/cmd[\\/]run\b/.test(cmdline)) return "program";
  if (cmdline.includes("pulumi-language-nodejs")) return "languageHost";
  if (/(^|\/)pulumi(\s|$)/.test(cmdline)) return "cli";
  return undefined;
}

/** VmHWM (peak resident set) of a process in kB, or 0 once it is gone. */
function peakKb(pid: number): number {
  const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(read(`/proc/${pid}/status`) ?? "");
  return match ? Number(match[1]) : 0;
}

/** Whether this machine can be sampled at all. */
export const CAN_SAMPLE = fs.existsSync("/proc/self/status");

/**
 * Samples the peak RSS of every process below `rootPid` each `intervalMs` until `stop()`. A process's VmHWM
 * only grows, so the last sample before it exits is its peak to within what it allocated after that sample.
 */
export function sampleTree(rootPid: number, intervalMs = 100): { stop(): Partial<Record<Role, number>> } {
  const peaks: Partial<Record<Role, number>> = {};
  const tick = (): void => {
    const queue = [rootPid];
    for (let guard = 0; queue.length > 0 && guard < 1000; guard++) {
      const pid = queue.pop() as number;
      // Read every time: a child is `pulumi` between its fork and its exec of node.
      const role = roleOf(pid);
      if (role) peaks[role] = Math.max(peaks[role] ?? 0, peakKb(pid));
      queue.push(...children(pid));
    }
  };
  const timer = CAN_SAMPLE ? setInterval(tick, intervalMs) : undefined;
  return {
    stop() {
      if (timer) clearInterval(timer);
      return peaks;
    },
  };
}
