// mocha's spec reporter plus one plain closing line, `N passed, N failed, N skipped`, that CI reads. Under
// test/support/run-specs.js, which runs several mocha processes, the counts go to the file it names instead,
// with the reasons tests were skipped (test/support/skips.ts) and, as each spec file starts, its name in the
// progress file, so the runner can bound the time of each file and name the one that ran out.
//
// mocha's own `failures` counts a failing `before` hook once and leaves the tests it kept from running out of
// every count; here each such test counts as failed, and so does the hook.
//
// Each failure (its file, full title and the first lines of its error) also goes to the totals file, so that
// run-specs can repeat them after every process has run: a CI log is often read from its tail, and mocha's
// own account of a failure sits in the middle of it, under the process that ran the file.
"use strict";
const fs = require("node:fs");
const Mocha = require("mocha");

const {
  EVENT_RUN_END,
  EVENT_SUITE_BEGIN,
  EVENT_TEST_BEGIN,
  EVENT_TEST_PASS,
  EVENT_TEST_FAIL,
  EVENT_TEST_PENDING,
} = Mocha.Runner.constants;

/** The lines of a failure worth repeating at the end of a run: its message, not its stack. */
const ERROR_LINES = 12;

function firstLines(err) {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  const lines = text.split("\n");
  return lines.length > ERROR_LINES
    ? [
        ...lines.slice(0, ERROR_LINES),
        `… ${lines.length - ERROR_LINES} more lines in the file's own output`,
      ].join("\n")
    : text;
}

class SpecWithTotals extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const passed = new Set();
    const failed = new Set();
    const pending = new Set();
    let failedHooks = 0;
    const failures = [];
    runner.on(EVENT_TEST_PASS, (test) => passed.add(test));
    runner.on(EVENT_TEST_PENDING, (test) => pending.add(test));
    runner.on(EVENT_TEST_FAIL, (runnable, err) => {
      failures.push({ file: runnable.file, title: runnable.fullTitle(), error: firstLines(err) });
      if (runnable.type === "hook") {
        failedHooks += 1;
      } else {
        failed.add(runnable);
      }
    });
    const progressFile = process.env.EYESON_SPEC_PROGRESS_FILE;
    let currentFile;
    // A file's suites announce it; a test at the top level of a file has no suite of its own, so it does.
    const started = (runnable) => {
      if (progressFile && runnable.file && runnable.file !== currentFile) {
        currentFile = runnable.file;
        fs.writeFileSync(progressFile, currentFile);
      }
    };
    runner.on(EVENT_SUITE_BEGIN, started);
    runner.on(EVENT_TEST_BEGIN, started);
    runner.once(EVENT_RUN_END, () => {
      const ran = new Set([...passed, ...failed, ...pending]);
      const notRun = Math.max(0, runner.total - ran.size);
      const counts = {
        passed: [...passed].filter((test) => !failed.has(test)).length,
        failed: failed.size + failedHooks + notRun,
        skipped: pending.size,
        skipReasons: [...(globalThis[Symbol.for("pulumi-eyeson.skipReasons")] ?? [])],
        failures,
      };
      const totalsFile = process.env.EYESON_SPEC_TOTALS_FILE;
      if (totalsFile) {
        fs.writeFileSync(totalsFile, JSON.stringify(counts));
        return;
      }
      process.stdout.write(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
      for (const reason of counts.skipReasons) {
        process.stdout.write(`skipped because ${reason}\n`);
      }
    });
  }
}

module.exports = SpecWithTotals;
