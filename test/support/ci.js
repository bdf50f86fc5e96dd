// The one rule for "is this a CI run", shared by the runner (run-specs.js), npm test's install fallbacks
// (missing-tool.js) and the specs (skips.ts): `CI` set to anything but empty, `0` or `false`. `.ci/run`
// exports `CI=true` itself.
"use strict";

/** Whether this is a CI run. */
function isCi() {
  const ci = process.env.CI;
  return ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false";
}

module.exports = { isCi };
