// The processes of one engine run, found through /proc (Linux): the CLI, the plugins it started and their
// children. The CLI starts each plugin in a process group of its own, so killing the CLI, or even its group,
// leaves the plugins running, orphaned; a spec that kills a run on purpose kills every group of that run and
// then checks that nothing of it is left.
import * as fs from "node:fs";

/** One running process as /proc shows it. */
export interface RunProcess {
  readonly pid: number;
  /** Its process group. */
  readonly pgid: number;
  /** Its command line, arguments joined by spaces. */
  readonly command: string;
}

/** The process group of `pid` (field 5 of /proc/<pid>/stat), or undefined once it is gone. */
function processGroupOf(pid: number | "self"): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces; state, ppid and pgrp follow it.
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
  } catch {
    return undefined;
  }
}

/**
 * Every live process (zombies have no cwd and no environment) whose working directory, command line or
 * environment names `dir`: for an engine run, its workspace, backend and PULUMI_HOME all live under one
 * directory, which every process of the run has as its cwd or in PULUMI_HOME.
 */
export function processesOfRun(dir: string): RunProcess[] {
  const found: RunProcess[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const pid = Number(entry);
    let cwd = "";
    let command = "";
    let environ = "";
    try {
      cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
      environ = fs.readFileSync(`/proc/${pid}/environ`, "utf8");
    } catch {
      continue; // gone meanwhile, a zombie, or not ours to read
    }
    if (cwd === dir || cwd.startsWith(`${dir}/`) || command.includes(dir) || environ.includes(dir)) {
      const pgid = processGroupOf(pid);
      if (pgid !== undefined) found.push({ pid, pgid, command });
    }
  }
  return found;
}

/**
 * SIGKILLs each process's whole group, and the process itself; never the group of this test process (a run
 * started without a group of its own shares it), where only the process itself is killed.
 */
export function killRunProcesses(processes: readonly RunProcess[]): void {
  const own = processGroupOf("self");
  for (const { pid, pgid } of processes) {
    for (const target of pgid === own ? [pid] : [-pgid, pid]) {
      try {
        process.kill(target, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }
}
