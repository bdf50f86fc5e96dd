/** Whether the specs run under CI, where a missing tool fails a spec instead of skipping it. */

/** True when `CI` is set to anything but an empty string, `0` or `false` (as CI services and `.ci/run` set it). */
export function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false";
}
