// Runs every spec, giving each spec file under test/engine/ a mocha process of its own, and prints one
// closing line, `N passed, N failed, N skipped`, over all of them.
//
// Why separate processes: engine specs run Pulumi programs inline, in the mocha process, and the Node SDK
// keeps part of a run's state process-wide: its handlers for unhandled rejections, module-level settings. A
// program that fails on purpose leaves promises behind that settle later (eight rejections for one failed
// function call), and we saw the first run of a spec file disturbed by what the file before it left: in CI the
// first `up` of the engine smoke spec registered nothing, and locally the first `up` of another spec failed
// with a gRPC error from a monitor that was long gone. A process per such file leaves nothing for the next.
// The folder decides, not the text of a file, so a new engine spec is isolated without anyone remembering to.
//
// The run fails when any mocha process exits non-zero or dies of a signal (whatever its totals say), when a
// spec file runs longer than SPEC_FILE_LIMIT_MS (its process group is killed and the file named), and, when
// `CI` is set, when any test was skipped or pending: a CI run that skipped something did not test it.
//
// Arguments naming files or folders (`node test/support/run-specs.js test/engine/smoke.spec.ts test/client`)
// choose which spec files run; every other argument (`-- --grep rename`) is passed to every mocha run.
// EYESON_SPEC_FILE_LIMIT_MS replaces the bound per spec file (its own spec sets a short one).
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { isCi } = require("./ci");

const root = path.resolve(__dirname, "..", "..");
const mocha = require.resolve("mocha/bin/mocha.js", { paths: [root] });
const ENGINE_DIR = path.join("test", "engine") + path.sep;
/** The most one spec file may take: the slowest engine spec needs a few minutes on a loaded two-core machine. */
const SPEC_FILE_LIMIT_MS = Number(process.env.EYESON_SPEC_FILE_LIMIT_MS ?? 10 * 60_000);
const LIMIT_TEXT =
  SPEC_FILE_LIMIT_MS % 60_000 === 0
    ? `${SPEC_FILE_LIMIT_MS / 60_000} minutes`
    : `${SPEC_FILE_LIMIT_MS / 1000} s`;

/** Every `*.spec.ts` under test/, sorted as mocha sorts a glob. */
function specFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return specFiles(full);
      }
      return entry.name.endsWith(".spec.ts") ? [full] : [];
    })
    .sort();
}

const args = process.argv.slice(2);
// mocha options whose value is the next argument: that value is never a file filter (`--grep test`).
const TAKES_VALUE = new Set([
  "--grep",
  "-g",
  "--fgrep",
  "-f",
  "--timeout",
  "-t",
  "--slow",
  "-s",
  "--reporter",
  "-R",
]);
const isFilter = (arg, i) =>
  !arg.startsWith("-") && !TAKES_VALUE.has(args[i - 1]) && fs.existsSync(path.resolve(root, arg));
const filters = args.filter(isFilter).map((arg) => path.relative(root, path.resolve(root, arg)));
const mochaArgs = args.filter((arg, i) => !isFilter(arg, i));

// A folder argument stands for the spec files under it; a file argument runs as given, whatever its name
// (test/support/run-specs.spec.ts runs fixtures that no full run picks up).
const all =
  filters.length === 0
    ? specFiles(path.join(root, "test")).map((file) => path.relative(root, file))
    : [
        ...new Set(
          filters.flatMap((f) =>
            fs.statSync(path.join(root, f)).isDirectory()
              ? specFiles(path.join(root, f)).map((file) => path.relative(root, file))
              : [f],
          ),
        ),
      ].sort();
const alone = all.filter((file) => file.startsWith(ENGINE_DIR));
const together = all.filter((file) => !alone.includes(file));
const groups = [together, ...alone.map((file) => [file])].filter((files) => files.length > 0);

/** The ids of the processes in process group `pgid` (Linux /proc; elsewhere none are found). */
function processesOfGroup(pgid) {
  let entries;
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return [];
  }
  return entries.filter((entry) => {
    if (!/^\d+$/.test(entry)) {
      return false;
    }
    try {
      // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, pgrp.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === pgid;
    } catch {
      return false;
    }
  });
}

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is gone already.
  }
}

let running;
for (const signal of ["SIGINT", "SIGTERM"]) {
  // The mocha processes lead process groups of their own, so a Ctrl-C reaches them only through here.
  process.on(signal, () => {
    if (running !== undefined) {
      killGroup(running.pid, "SIGKILL");
    }
    process.exit(130);
  });
}

/**
 * Runs mocha on `files` in a process group of its own and resolves with its totals (or none), exit code,
 * signal, the spec file that ran out of time (if one did), and how many processes it left behind.
 */
function runGroup(files, totalsFile, progressFile) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [mocha, ...mochaArgs, ...files], {
      cwd: root,
      stdio: "inherit",
      detached: true,
      env: { ...process.env, EYESON_SPEC_TOTALS_FILE: totalsFile, EYESON_SPEC_PROGRESS_FILE: progressFile },
    });
    running = child;
    let current = files.length === 1 ? files[0] : undefined;
    let since = Date.now();
    let timedOut;
    const watch = setInterval(() => {
      let now;
      try {
        now = path.relative(root, fs.readFileSync(progressFile, "utf8"));
      } catch {
        now = current;
      }
      if (now !== current) {
        current = now;
        since = Date.now();
      }
      if (timedOut === undefined && Date.now() - since > SPEC_FILE_LIMIT_MS) {
        timedOut = current ?? `one of ${files.length} spec files, before the first began`;
        killGroup(child.pid, "SIGTERM");
        setTimeout(() => killGroup(child.pid, "SIGKILL"), 5_000).unref();
      }
    }, 1_000);
    child.on("exit", (code, signal) => {
      clearInterval(watch);
      running = undefined;
      // Whatever the spec processes started and left running dies with the group; say how many there were.
      const leftBehind = processesOfGroup(child.pid).length;
      killGroup(child.pid, "SIGKILL");
      const totals = fs.existsSync(totalsFile) ? JSON.parse(fs.readFileSync(totalsFile, "utf8")) : undefined;
      resolve({ totals, code, signal, timedOut, leftBehind });
    });
  });
}

async function main() {
  const totalsDir = fs.mkdtempSync(path.join(os.tmpdir(), "eyeson-spec-totals-"));
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const skipReasons = new Set();
  const failures = [];
  const problems = [];
  try {
    for (const [index, files] of groups.entries()) {
      const what = files.length === 1 ? files[0] : `the ${files.length} spec files outside test/engine/`;
      const run = await runGroup(
        files,
        path.join(totalsDir, `${index}.json`),
        path.join(totalsDir, `${index}.progress`),
      );
      if (run.timedOut !== undefined) {
        problems.push(`${run.timedOut} ran longer than ${LIMIT_TEXT}; its mocha process was killed`);
      } else if (run.totals === undefined) {
        problems.push(
          `mocha did not finish ${what} (${run.signal ? `signal ${run.signal}` : `exit ${run.code}`})`,
        );
      } else if (run.signal !== null) {
        problems.push(`mocha running ${what} died of ${run.signal}`);
      } else if (run.code !== 0 && run.totals.failed === 0) {
        problems.push(`mocha exited ${run.code} running ${what} although no test failed`);
      }
      if (run.leftBehind > 0) {
        process.stdout.write(`killed ${run.leftBehind} processes ${what} left running\n`);
      }
      if (run.totals !== undefined) {
        totals.passed += run.totals.passed;
        totals.failed += run.totals.failed;
        totals.skipped += run.totals.skipped;
        for (const reason of run.totals.skipReasons ?? []) {
          skipReasons.add(reason);
        }
        failures.push(...(run.totals.failures ?? []));
      } else if (run.code === 0) {
        problems.push(`mocha exited 0 for ${what} without writing its totals`);
      }
    }
  } finally {
    fs.rmSync(totalsDir, { recursive: true, force: true });
  }

  if (isCi() && totals.skipped > 0) {
    problems.push(
      `CI is set and ${totals.skipped} tests were skipped or pending: a CI run must run every test` +
        (skipReasons.size > 0 ? ` (${[...skipReasons].join("; ")})` : ""),
    );
  }
  // Repeated here, at the tail, where a CI log is read first; each file's own output has the stack.
  for (const failure of failures) {
    const where = failure.file ? path.relative(root, failure.file) : "a file mocha did not name";
    const error = failure.error.split("\n").join("\n    ");
    process.stdout.write(`FAILED: ${failure.title} (${where})\n    ${error}\n`);
  }
  for (const problem of problems) {
    process.stdout.write(`FAILED: ${problem}\n`);
  }
  // Outside CI a skip is allowed, but the closing line says it, so nobody takes a skipped run for a full one.
  const skipped =
    !isCi() && totals.skipped > 0
      ? ` (NOT A FULL RUN: skipped because ${skipReasons.size > 0 ? [...skipReasons].join("; ") : "a spec skipped them"}; with CI=true they fail instead)`
      : "";
  process.stdout.write(
    `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped${skipped}\n`,
  );
  process.exitCode = totals.failed > 0 || problems.length > 0 ? 1 : 0;
}

void main();
