/**
 * The package as npm publishes it: `npm pack` of this repository (which runs `prepack`: a clean build), once
 * per test process, and the tarball's entries read back with their modes and contents.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";

const ROOT = path.resolve(__dirname, "..", "..");
const PACK_DIR = path.join(ROOT, ".work", "package");
const PACK_TIMEOUT_MS = 240_000;

/** One file in the tarball, with its path below `package/`. */
export interface TarEntry {
  readonly path: string;
  readonly mode: number;
  readonly content: Buffer;
}

/** The packed package. */
export interface Tarball {
  /** Absolute path of the `.tgz`, to `npm install` it. */
  readonly file: string;
  /** What `npm pack --json` reported. */
  readonly report: { readonly size: number; readonly unpackedSize: number; readonly entryCount: number };
  /** Every regular file, by path below `package/`. */
  readonly entries: ReadonlyMap<string, TarEntry>;
}

let packed: Promise<Tarball> | undefined;

/** Packs the repository (once per process) into `.work/package/`. */
export function packedTarball(): Promise<Tarball> {
  packed ??= pack();
  return packed;
}

async function pack(): Promise<Tarball> {
  fs.rmSync(PACK_DIR, { recursive: true, force: true });
  fs.mkdirSync(PACK_DIR, { recursive: true });
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      "npm",
      ["pack", "--json", "--pack-destination", PACK_DIR],
      { cwd: ROOT, timeout: PACK_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (err, out, stderr) =>
        err ? reject(new Error(`npm pack failed: ${err.message}\n${stderr}`)) : resolve(out),
    );
  });
  // Output of prepack's build may come before npm's JSON report, which starts a line with `[`.
  const json = stdout.slice(Math.max(0, stdout.search(/^\[/m)));
  const report = (JSON.parse(json) as Array<Tarball["report"] & { filename: string }>)[0];
  const file = path.join(PACK_DIR, report.filename);
  return { file, report, entries: readTar(gunzipSync(fs.readFileSync(file))) };
}

/** Reads the regular files of an uncompressed ustar archive, as npm writes it (paths below `package/`). */
function readTar(archive: Buffer): Map<string, TarEntry> {
  const entries = new Map<string, TarEntry>();
  let offset = 0;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number): string =>
      header.toString("utf8", start, start + length).replace(/\0.*$/s, "");
    const name = field(0, 100);
    const prefix = field(345, 155);
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1);
    const full = prefix ? `${prefix}/${name}` : name;
    if (type === "0" || type === "") {
      entries.set(full.replace(/^package\//, ""), {
        path: full.replace(/^package\//, ""),
        mode: parseInt(field(100, 8).trim(), 8),
        content: archive.subarray(offset + 512, offset + 512 + size),
      });
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}
