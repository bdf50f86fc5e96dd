// mocha's spec reporter plus one plain closing line, `N passed, N failed, N skipped`, that CI reads. Under
// test/support/run-specs.js, which runs several mocha processes, the counts go to the file it names instead,
// and it prints the one line for all of them.
"use strict";
const fs = require("node:fs");
const Mocha = require("mocha");

class SpecWithTotals extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      const totalsFile = process.env.EYESON_SPEC_TOTALS_FILE;
      if (totalsFile) {
        fs.writeFileSync(totalsFile, JSON.stringify({ passed: passes, failed: failures, skipped: pending }));
        return;
      }
      process.stdout.write(`${passes} passed, ${failures} failed, ${pending} skipped\n`);
    });
  }
}

module.exports = SpecWithTotals;
