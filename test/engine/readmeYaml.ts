// The README's Pulumi YAML program ("Use from any Pulumi language"), as a user copies it; shared by the specs
// that run it through the plugin.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";

const ROOT = path.resolve(__dirname, "..", "..");
const SECTION = "## Use from any Pulumi language";

/** The program of the README's first yaml block in "Use from any Pulumi language", parsed. */
export function readmeProgram(): { name: string; runtime: string; [key: string]: unknown } {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf(`\n${SECTION}\n`);
  assert.ok(start >= 0, `the README has a "${SECTION}" section`);
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
  const block = /^```yaml\n([\s\S]*?)^```$/m.exec(section) ?? assert.fail("no yaml block in the section");
  return YAML.parse(block[1]) as { name: string; runtime: string };
}
