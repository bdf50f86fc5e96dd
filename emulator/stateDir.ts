/**
 * The emulator's state directory (`--data <dir>`, `EYESON_EMULATOR_DATA`, or `startEmulator({ dataDir })`):
 * one JSON file with the store, the API keys and the clock, so a restart finds what the last run left.
 *
 * Every save writes a temporary file, flushes it to disk, renames it over the old one and flushes the
 * directory: a rename is atomic, so an emulator killed at any moment leaves the old state or the new one,
 * never half a file. The file holds API keys and tokens, so it is readable by its owner only.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { StoreSnapshot } from "./store";

/** The file inside the state directory. */
export const STATE_FILE = "emulator-state.json";

/** What the state file holds. */
export interface SavedState {
  /** The file's format; a newer one is refused rather than misread. */
  readonly version: 1;
  /** How far the emulator's clock was moved forward (`/__emulator/clock`). */
  readonly clockOffsetMs: number;
  readonly store: StoreSnapshot;
}

/** Reads the saved state of `dir`; undefined when there is none yet. Throws when the file cannot be used. */
export function loadState(dir: string): SavedState | undefined {
  const file = join(dir, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not JSON; move it away to start with an empty state`);
  }
  const saved = state as Partial<SavedState> | null;
  if (saved?.version !== 1 || typeof saved.store !== "object" || saved.store === null) {
    throw new Error(`${file} is not a state file of this emulator version; move it away to start afresh`);
  }
  return saved as SavedState;
}

/** Writes the state file of one directory, skipping a save that would write what is there already. */
export class StateWriter {
  readonly #dir: string;
  #last = "";

  /** Creates the directory (owner-only) if it does not exist. */
  constructor(dir: string) {
    this.#dir = dir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** Saves `state` atomically (temporary file, fsync, rename, fsync of the directory). */
  save(state: SavedState): void {
    const text = `${JSON.stringify(state)}\n`;
    if (text === this.#last) return;
    const file = join(this.#dir, STATE_FILE);
    const temp = `${file}.${process.pid}.tmp`;
    const fd = openSync(temp, "w", 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
    syncDirectory(this.#dir);
    this.#last = text;
  }
}

/** Flushes a directory entry (the rename) to disk; a platform that cannot open directories skips it. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
