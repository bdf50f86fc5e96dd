/**
 * The emulator's one source of "now": a base clock (the system's, or one a test injects) plus an offset that
 * only grows. `/__emulator/clock` and `handle.clock.advance()` move it forward, so a permalink's `expires_at`
 * and an unattended meeting's end can be tested without waiting.
 */

/** The emulator's clock: the base clock moved forward by `offsetMs`. */
export class EmulatorClock {
  #offsetMs = 0;

  /** Wraps `base` (default the system clock). */
  constructor(private readonly base: () => Date = () => new Date()) {}

  /** The emulated time. */
  now(): Date {
    return new Date(this.base().getTime() + this.#offsetMs);
  }

  /** How far the emulated time is ahead of the base clock, in milliseconds. */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** Moves the time forward by `ms` (a non-negative finite number). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new TypeError("The clock only moves forward: ms must be >= 0");
    this.#offsetMs += ms;
  }

  /** Restores a saved offset (the emulator's state directory keeps it across restarts). */
  restore(offsetMs: number): void {
    if (Number.isFinite(offsetMs) && offsetMs > 0) this.#offsetMs = offsetMs;
  }
}

/**
 * How long a meeting may go without a request by one of its access keys before moving the clock ends it.
 * eyeson shuts a meeting nobody attends down after a short time (about two minutes, by its maintainers);
 * the emulator applies the rule only when its clock is moved, so a slow test never loses a meeting to it.
 */
export const MEETING_IDLE_SHUTDOWN_MS = 2 * 60 * 1000;
