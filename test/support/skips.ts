// The one rule for a spec whose tool is missing (the Pulumi CLI, a language host, a linter): in CI it fails,
// naming what is missing and how to get it; anywhere else it skips, and the reason is kept so the closing line
// of the run (test/support/reporter.js, test/support/run-specs.js) can say how many tests skipped and why.
import type { Context } from "mocha";
import { isCi } from "./ci";

/** Where the reasons are kept; test/support/reporter.js reads the same global. */
const REASONS = Symbol.for("pulumi-eyeson.skipReasons");

/**
 * Fails in CI, else skips the calling test (or the suite, from `before`), because `missing` is not there.
 * @param missing what is missing and why, e.g. "no Pulumi CLI >= 3.181.0 (no `pulumi` on PATH)".
 * @param hint how to get it, e.g. "run `bash scripts/install-pulumi.sh`".
 */
export function skipUnlessCi(ctx: Context, missing: string, hint: string): never {
  if (isCi()) {
    throw new Error(`CI requires what is missing here: ${missing}; ${hint}`);
  }
  console.log(`      skipping: ${missing}; ${hint}`);
  const store = globalThis as { [REASONS]?: Set<string> };
  (store[REASONS] ??= new Set()).add(missing);
  ctx.skip();
}
