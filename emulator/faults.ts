/**
 * Fault injection: the next N requests matching a method and path answer a chosen status (with an optional
 * `Retry-After` and body), are delayed, have their connection reset, or are handled and then lose their
 * response. Rules are tried in the order they were added; the first one with requests left is used and counts
 * one down. A chaos mix faults a share of all other requests at random (seeded), each kind from a list.
 */

/** One fault rule (see the README for examples). */
export interface FaultRule {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Path to match: a glob (`*` = one segment, `**` = the rest) or a RegExp on the raw path. Any when omitted. */
  path?: string | RegExp;
  /** How many matching requests the rule affects; default 1. `Infinity` keeps it until cleared. */
  times?: number;
  /** Answer with this status instead of handling the request. */
  status?: number;
  /** Seconds for a `Retry-After` header. */
  retryAfter?: number;
  /** Response body (JSON); default `{"error": "<reason phrase>"}`. */
  body?: unknown;
  /** Wait this long first; alone, the request is then handled normally. */
  delayMs?: number;
  /** Destroy the connection without answering (before the request is handled). */
  reset?: boolean;
  /** Handle the request, then destroy the connection without answering: the client never learns the outcome. */
  lose?: boolean;
}

/** What a chaos mix can do to a request. */
export type ChaosKind = "429" | "500" | "502" | "503" | "reset" | "lose" | "delay";

/** Every chaos kind, the default mix. */
export const CHAOS_KINDS: readonly ChaosKind[] = ["429", "500", "502", "503", "reset", "lose", "delay"];

/** A random fault mix over all API requests. */
export interface ChaosOptions {
  /** Share of requests to fault, 0 to 1. */
  readonly rate: number;
  /** Seed of the choices, so a run can be repeated. */
  readonly seed: number;
  /** Kinds to draw from; default all. */
  readonly kinds?: readonly ChaosKind[];
  /** Latency of the `delay` kind; default 250 ms. */
  readonly delayMs?: number;
}

/** A rule as stored, with the requests it has left. */
export interface ActiveFault {
  readonly rule: FaultRule;
  remaining: number;
}

/** Turns a path glob into a RegExp: `*` matches one segment, `**` any rest (including nothing). */
export function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      source += ".*";
      i += 1;
    } else if (c === "*") {
      source += "[^/]+";
    } else {
      source += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}

/** Checks a rule before it is stored, so a bad rule fails where it is written. */
export function validateFaultRule(rule: FaultRule): void {
  if (rule.status === undefined && rule.delayMs === undefined && !rule.reset && !rule.lose) {
    throw new TypeError("A fault rule needs status, delayMs, reset or lose");
  }
  if (
    rule.status !== undefined &&
    (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599)
  ) {
    throw new TypeError("Fault status must be an HTTP status code");
  }
  if (rule.times !== undefined && !(rule.times >= 1)) throw new TypeError("Fault times must be at least 1");
  if (rule.delayMs !== undefined && !(rule.delayMs >= 0)) throw new TypeError("Fault delayMs must be >= 0");
  if (rule.retryAfter !== undefined && !(rule.retryAfter >= 0))
    throw new TypeError("retryAfter must be >= 0");
}

/** The fault rules of one emulator. */
export class FaultInjector {
  private readonly active: ActiveFault[] = [];
  private chaosMix: (ChaosOptions & { next: () => number; last: string }) | undefined;

  /**
   * Faults a share of the requests no rule matches, each with a kind drawn from the mix. A request is never
   * faulted twice in a row (same method and path), so a client's retry of it goes through.
   */
  chaos(options: ChaosOptions | undefined): void {
    if (options === undefined) {
      this.chaosMix = undefined;
      return;
    }
    if (!(options.rate >= 0 && options.rate <= 1)) throw new TypeError("chaos rate must be between 0 and 1");
    if (!Number.isInteger(options.seed)) throw new TypeError("chaos seed must be an integer");
    for (const kind of options.kinds ?? []) {
      if (!CHAOS_KINDS.includes(kind)) throw new TypeError(`Unknown chaos kind: ${String(kind)}`);
    }
    let state = options.seed >>> 0 || 1;
    // xorshift32: small, seeded and good enough to spread faults over requests.
    const next = (): number => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 0x100000000;
    };
    this.chaosMix = { ...options, next, last: "" };
  }

  /** Adds a rule. */
  inject(rule: FaultRule): void {
    validateFaultRule(rule);
    this.active.push({ rule: { ...rule }, remaining: rule.times ?? 1 });
  }

  /** Removes every rule. */
  clear(): void {
    this.active.length = 0;
  }

  /** The rules that still have requests left. */
  list(): ActiveFault[] {
    return this.active.filter((f) => f.remaining > 0);
  }

  /** Finds the rule for a request and counts it down; undefined when none applies. */
  take(method: string, path: string): FaultRule | undefined {
    for (const fault of this.active) {
      if (fault.remaining <= 0) continue;
      const rule = fault.rule;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.path !== undefined) {
        const pattern = typeof rule.path === "string" ? globToRegExp(rule.path) : rule.path;
        pattern.lastIndex = 0;
        if (!pattern.test(path)) continue;
      }
      fault.remaining -= 1;
      return rule;
    }
    return this.chaosFor(`${method.toUpperCase()} ${path}`);
  }

  private chaosFor(request: string): FaultRule | undefined {
    const mix = this.chaosMix;
    if (!mix) return undefined;
    const previous = mix.last;
    mix.last = "";
    if (request === previous || mix.next() >= mix.rate) return undefined;
    mix.last = request;
    const kinds = mix.kinds && mix.kinds.length > 0 ? mix.kinds : CHAOS_KINDS;
    const kind = kinds[Math.floor(mix.next() * kinds.length)] ?? "500";
    switch (kind) {
      case "reset":
        return { reset: true };
      case "lose":
        return { lose: true };
      case "delay":
        return { delayMs: mix.delayMs ?? 250 };
      case "429":
        return { status: 429, retryAfter: 0 };
      default:
        return { status: Number(kind) };
    }
  }
}
