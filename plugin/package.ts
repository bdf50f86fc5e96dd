/**
 * The files of the installed package the plugin serves from: its version and `schema.json`. Found by walking up
 * from this module to the package root, which is one directory up from the sources and two from `dist/`.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The package root: the nearest directory above this module whose package.json names pulumi-eyeson. */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from, depth = 0; depth < 8; dir = path.dirname(dir), depth++) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && readJson<{ name?: string }>(manifest).name === "pulumi-eyeson") return dir;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(
    `pulumi-resource-eyeson: no pulumi-eyeson package.json above ${from}; is the package intact?`,
  );
}

/** The package version (semver), which the plugin reports to the engine. */
export function packageVersion(root: string = packageRoot()): string {
  return readJson<{ version: string }>(path.join(root, "package.json")).version;
}

/** The package schema as shipped (`schema.json` at the package root), as text. */
export function packageSchema(root: string = packageRoot()): string {
  return fs.readFileSync(path.join(root, "schema.json"), "utf8");
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}
