// `npm test` calls this when an install script failed (its own error is printed above). In CI (`CI` set) that
// fails the run here; elsewhere it says, in one line, which specs will skip, and the run's closing line counts
// them. Usage: node test/support/missing-tool.js "<what is missing>" "<the specs that need it>"
"use strict";
const [what, specs] = process.argv.slice(2);
const { isCi } = require("./ci");

if (isCi()) {
  process.stderr.write(`CI: could not provision ${what} (see the error above); ${specs} need it\n`);
  process.exit(1);
}
process.stdout.write(`could not provision ${what} (see the error above): ${specs} will skip\n`);
