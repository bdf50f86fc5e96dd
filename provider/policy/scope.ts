/**
 * What every eyeson policy rule shares: the resource types it looks at (the dynamic resources' and the plugin's),
 * which stacks a rule applies to, how host names are matched, and how a violation names the resource.
 *
 * The rules take the stack name from the resource's URN (`urn:pulumi:<stack>::…`), which the engine always
 * sends, rather than from the policy pack's process environment.
 */
import type { EnforcementLevel, ResourceValidationArgs } from "@pulumi/policy";

/** The resource names of this package; each exists as a dynamic resource and as a plugin resource. */
export type EyesonResourceName = "Permalink" | "PermalinkHost" | "Webhook";

/**
 * The type tokens each resource has in a stack: the dynamic resource's (`pulumi-nodejs:dynamic/eyeson:X`, what
 * `new eyeson.X(...)` in a TypeScript program declares) and the plugin's (`eyeson:index:X`, what the SDKs
 * generated from `schema.json`, YAML programs and `pulumi-resource-eyeson` declare).
 */
export function resourceTypes(name: EyesonResourceName): readonly [dynamic: string, plugin: string] {
  return [`pulumi-nodejs:dynamic/eyeson:${name}`, `eyeson:index:${name}`];
}

/**
 * A stack name pattern: a string matches the stack name exactly, except that `*` stands for any run of
 * characters (`"prod"`, `"prod-*"`, `"*-eu"`); a RegExp is tested against the stack name as it is.
 */
export type StackPattern = string | RegExp;

/** Which stacks a rule applies to. */
export interface StackScope {
  /** The stacks the rule applies to. Default: every stack. */
  readonly stacks?: StackPattern | readonly StackPattern[];
  /** Stacks the rule never applies to, even if `stacks` matches them. Default: none. */
  readonly exceptStacks?: StackPattern | readonly StackPattern[];
}

/** What every rule factory takes besides its own settings. */
export interface RuleSettings {
  /**
   * The policy's name in the pack (letters, digits, `-`, `_`, `.`). Default: the rule's own name, e.g.
   * `eyeson-webhook-url`; set one to use a rule twice in a pack with different settings.
   */
  readonly name?: string;
  /**
   * `mandatory` fails `preview` and `up` on a violation; `advisory` reports it as a warning and goes on;
   * `disabled` turns the rule off. Default: `mandatory`.
   */
  readonly enforcementLevel?: Exclude<EnforcementLevel, "remediate">;
}

/** The stack name in a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function stackOf(urn: string): string {
  return urn.startsWith("urn:pulumi:") ? (urn.slice("urn:pulumi:".length).split("::")[0] ?? "") : "";
}

function patternMatches(pattern: StackPattern, stack: string): boolean {
  if (typeof pattern !== "string") {
    pattern.lastIndex = 0;
    return pattern.test(stack);
  }
  const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`).test(stack);
}

function list<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/** Whether a rule with this scope applies to the stack the resource belongs to. */
export function inScope(scope: StackScope, urn: string): boolean {
  const stack = stackOf(urn);
  const included = scope.stacks === undefined || list(scope.stacks).some((p) => patternMatches(p, stack));
  return included && !list(scope.exceptStacks).some((p) => patternMatches(p, stack));
}

/** The stack patterns of a scope as a reader would write them, for a policy's description. */
export function describeScope(scope: StackScope): string {
  const show = (p: StackPattern): string => (typeof p === "string" ? p : String(p));
  const only =
    scope.stacks === undefined ? "every stack" : `stacks ${list(scope.stacks).map(show).join(", ")}`;
  const except = list(scope.exceptStacks);
  return except.length === 0 ? only : `${only} except ${except.map(show).join(", ")}`;
}

/**
 * Whether a host is allowed by a list of host patterns: `hooks.example.com` allows that host only,
 * `*.example.com` any host below example.com (not example.com itself). Case does not matter.
 */
export function hostAllowed(host: string, patterns: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return patterns.some((raw) => {
    const p = raw.toLowerCase().replace(/\.$/, "");
    return p.startsWith("*.") ? h.endsWith(p.slice(1)) && h.length > p.length - 1 : h === p;
  });
}

/** A domain list as host patterns: each domain allows itself and every host below it. */
export function domainPatterns(domains: readonly string[]): string[] {
  return domains.flatMap((d) => (d.startsWith("*.") ? [d] : [d, `*.${d}`]));
}

/** The host of a URL, or undefined when it is not an absolute URL. */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return undefined;
  }
}

/** `Permalink "war-room"`: how a violation names the resource (its eyeson type and logical name). */
export function resourceLabel(args: Pick<ResourceValidationArgs, "type" | "name">): string {
  const type = args.type.slice(args.type.lastIndexOf(":") + 1);
  return `${type} "${args.name}"`;
}

/** The enforcement level of a rule: `mandatory` unless the settings say otherwise. */
export function levelOf(settings: RuleSettings): EnforcementLevel {
  return settings.enforcementLevel ?? "mandatory";
}

/** A record's property, or undefined when the value is not a record. */
export function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
