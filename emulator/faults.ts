/**
 * Fault injection: the next N requests matching a method and path answer a chosen status (with an optional
 * `Retry-After` and body), are delayed, or have their connection reset. Rules are tried in the order they
 * were added; the first one with requests left is used and counts one down.
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
  /** Destroy the connection without answering. */
  reset?: boolean;
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
  if (rule.status === undefined && rule.delayMs === undefined && !rule.reset) {
    throw new TypeError("A fault rule needs status, delayMs or reset");
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
    return undefined;
  }
}
