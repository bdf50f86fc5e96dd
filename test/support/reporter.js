// mocha's spec reporter plus one plain closing line, `N passed, N failed, N skipped`, that CI reads. Under
// test/support/run-specs.js, which runs several mocha processes, the counts go to the file it names instead,
// with the reasons tests were skipped (test/support/skips.ts) and, as each spec file starts, its name in the
// progress file, so the runner can bound the time of each file and name the one that ran out.
//
// mocha's own `failures` counts a failing `before` hook once and leaves the tests it kept from running out of
// every count; here each such test counts as failed, and so does the hook.
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

class SpecWithTotals extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const passed = new Set();
    const failed = new Set();
    const pending = new Set();
    let failedHooks = 0;
    runner.on(EVENT_TEST_PASS, (test) => passed.add(test));
    runner.on(EVENT_TEST_PENDING, (test) => pending.add(test));
    runner.on(EVENT_TEST_FAIL, (runnable) => {
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
