/**
 * The eyeson policy rules: each factory takes its settings and returns one `@pulumi/policy` resource policy that
 * looks at the dynamic resources and the plugin's alike, because both have the same input properties.
 */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { permalinkDefault, roomOption } from "../roomOptions";
import {
  describeScope,
  domainPatterns,
  field,
  hostAllowed,
  hostOf,
  inScope,
  levelOf,
  resourceLabel,
  resourceTypes,
  stackOf,
  type EyesonResourceName,
  type RuleSettings,
  type StackScope,
} from "./scope";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Settings of {@link webhookUrlPolicy}. */
export interface WebhookUrlSettings extends RuleSettings, StackScope {
  /**
   * The hosts a webhook may deliver to: `hooks.example.com` allows that host only, `*.example.com` every host
   * below example.com. Required.
   */
  readonly allowedHosts: readonly string[];
}

/** Settings of {@link roomLinkDomainsPolicy}. */
export interface RoomLinkDomainsSettings extends RuleSettings, StackScope {
  /**
   * The domains a room's `options.exitUrl` and `options.customFields.logo` may point into; each allows itself and
   * every host below it (`example.com` allows `www.example.com`). Required.
   */
  readonly allowedDomains: readonly string[];
}

/** A room option {@link recordingOffPolicy} can require to be false. */
export type MediaOption = "recordingAvailable" | "broadcastAvailable";

/** Settings of {@link recordingOffPolicy}; give `stacks` (e.g. `["prod", "prod-*"]`) to say where it applies. */
export interface RecordingOffSettings extends RuleSettings, StackScope {
  /** The options that must be `false`. Default: both, `["recordingAvailable", "broadcastAvailable"]`. */
  readonly options?: readonly MediaOption[];
}

/** Settings of {@link protectedRoomsPolicy}; give `stacks` (e.g. `"prod"`) to say where it applies. */
export type ProtectedRoomsSettings = RuleSettings & StackScope;

/** Settings of {@link roomExpiryPolicy}; give `stacks` or `exceptStacks` (e.g. `exceptStacks: "prod"`). */
export interface RoomExpirySettings extends RuleSettings, StackScope {
  /** Rooms must set `expiresAt` no later than this many days from the time the policy runs. Required. */
  readonly maxDays: number;
}

/** The policy object, checking only the given eyeson resources of stacks in scope. */
function policy(
  settings: RuleSettings & StackScope,
  rule: { name: string; description: string; resource: EyesonResourceName },
  validate: (args: ResourceValidationArgs, report: ReportViolation) => void,
): ResourceValidationPolicy {
  const types = resourceTypes(rule.resource);
  return {
    name: settings.name ?? rule.name,
    description: `${rule.description} (${describeScope(settings)})`,
    enforcementLevel: levelOf(settings),
    validateResource: (args, report) => {
      if (types.includes(args.type) && inScope(settings, args.urn)) validate(args, report);
    },
  };
}

function requireList(what: string, value: readonly string[] | undefined): readonly string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error(`pulumi-eyeson/policy: ${what} must list at least one entry`);
  }
  return value;
}

/**
 * Webhook URLs must use https and deliver to one of the allowed hosts (the `Webhook` resource's `url`).
 *
 * @example
 * ```ts
 * webhookUrlPolicy({ allowedHosts: ["incidents.example.com", "*.hooks.example.com"] })
 * ```
 */
export function webhookUrlPolicy(settings: WebhookUrlSettings): ResourceValidationPolicy {
  const allowed = requireList("webhookUrlPolicy's allowedHosts", settings.allowedHosts);
  return policy(
    settings,
    {
      name: "eyeson-webhook-url",
      resource: "Webhook",
      description: `eyeson webhooks deliver over https to ${allowed.join(", ")} only`,
    },
    (args, report) => {
      const url = args.props.url;
      if (typeof url !== "string") return;
      const host = hostOf(url);
      const label = resourceLabel(args);
      // Only the scheme and host are shown: a receiver's path or query may carry its secret.
      if (!url.startsWith("https://")) {
        report(
          `${label}: url must use https, but it starts with ${JSON.stringify(url.split("//")[0] + "//")}; ` +
            "point url at an https:// receiver.",
        );
      }
      if (host === undefined || !hostAllowed(host, allowed)) {
        report(
          `${label}: url delivers to host ${host ?? "(none)"}, which is not allowed; point url at one of ` +
            `${allowed.join(", ")}, or add the host to allowedHosts in the policy pack.`,
        );
      }
    },
  );
}

/**
 * A room's exit URL (`options.exitUrl`) and logo (`options.customFields.logo`) must point into allowed domains.
 *
 * @example
 * ```ts
 * roomLinkDomainsPolicy({ allowedDomains: ["example.com", "brand.example.net"] })
 * ```
 */
export function roomLinkDomainsPolicy(settings: RoomLinkDomainsSettings): ResourceValidationPolicy {
  const domains = requireList("roomLinkDomainsPolicy's allowedDomains", settings.allowedDomains);
  const patterns = domainPatterns(domains);
  const properties = [
    { path: "options.exitUrl", get: (options: unknown) => field(options, "exitUrl") },
    {
      path: "options.customFields.logo",
      get: (options: unknown) => field(field(options, "customFields"), "logo"),
    },
  ];
  return policy(
    settings,
    {
      name: "eyeson-room-link-domains",
      resource: "Permalink",
      description: `eyeson rooms' exit URL and logo point into ${domains.join(", ")} only`,
    },
    (args, report) => {
      const options = args.props.options;
      for (const property of properties) {
        const url = property.get(options);
        if (typeof url !== "string") continue;
        const host = hostOf(url);
        if (host !== undefined && hostAllowed(host, patterns)) continue;
        report(
          `${resourceLabel(args)}: ${property.path} points to ${host ?? "an invalid URL"}, outside the allowed ` +
            `domains; use a URL on ${domains.join(", ")}, or remove ${property.path}.`,
        );
      }
    },
  );
}

/**
 * Rooms in the stacks in scope must turn recording and broadcasting off (`options.recordingAvailable: false`,
 * `options.broadcastAvailable: false`); an option left out counts as eyeson's default, which allows them.
 *
 * @example
 * ```ts
 * recordingOffPolicy({ stacks: ["prod", "prod-*"] })
 * ```
 */
export function recordingOffPolicy(settings: RecordingOffSettings): ResourceValidationPolicy {
  const options = settings.options ?? (["recordingAvailable", "broadcastAvailable"] as const);
  return policy(
    settings,
    {
      name: "eyeson-recording-off",
      resource: "Permalink",
      description: `eyeson rooms set ${options.map((o) => `${o}: false`).join(" and ")}`,
    },
    (args, report) => {
      for (const option of options) {
        const spec = roomOption(option);
        const value = field(args.props.options, option);
        if (value === false) continue;
        const why =
          value === undefined
            ? `is not set, so eyeson's default (${String(spec ? permalinkDefault(spec) : true)}) applies`
            : `is ${JSON.stringify(value)}`;
        report(
          `${resourceLabel(args)}: options.${option} ${why}, but rooms in stack ${stackOf(args.urn)} must not ` +
            `allow it; set options.${option}: false.`,
        );
      }
    },
  );
}

/**
 * Rooms (`Permalink`) in the stacks in scope must carry the `protect` resource option, so that no `up` or
 * `destroy` deletes them or replaces their links.
 *
 * @example
 * ```ts
 * protectedRoomsPolicy({ stacks: "prod" })
 * ```
 */
export function protectedRoomsPolicy(settings: ProtectedRoomsSettings): ResourceValidationPolicy {
  return policy(
    settings,
    { name: "eyeson-room-protected", resource: "Permalink", description: "eyeson rooms are protected" },
    (args, report) => {
      if (args.opts.protect) return;
      report(
        `${resourceLabel(args)}: the room is not protected, but rooms in stack ${stackOf(args.urn)} must be; ` +
          "add protect: true to its resource options in the program.",
      );
    },
  );
}

/**
 * Rooms in the stacks in scope (typically every stack but production) must set `expiresAt` no later than
 * `maxDays` days ahead, so that rooms made for a test or an exercise do not stay open for good.
 *
 * @example
 * ```ts
 * roomExpiryPolicy({ maxDays: 30, exceptStacks: "prod" })
 * ```
 */
export function roomExpiryPolicy(settings: RoomExpirySettings): ResourceValidationPolicy {
  const maxDays = settings.maxDays;
  if (!Number.isFinite(maxDays) || maxDays <= 0) {
    throw new Error(
      `pulumi-eyeson/policy: roomExpiryPolicy's maxDays must be a positive number, got ${maxDays}`,
    );
  }
  return policy(
    settings,
    {
      name: "eyeson-room-expiry",
      resource: "Permalink",
      description: `eyeson rooms set expiresAt within ${maxDays} days`,
    },
    (args, report) => {
      const expiresAt = args.props.expiresAt;
      const latest = new Date(Date.now() + maxDays * DAY_MS);
      const fix = `set expiresAt to a time no later than ${latest.toISOString().slice(0, 16)}Z (${maxDays} days from now).`;
      const label = resourceLabel(args);
      const stack = stackOf(args.urn);
      if (expiresAt === undefined || expiresAt === null) {
        report(
          `${label}: expiresAt is not set, but rooms in stack ${stack} must expire within ${maxDays} days; ${fix}`,
        );
        return;
      }
      const time = typeof expiresAt === "string" ? Date.parse(expiresAt) : Number.NaN;
      if (Number.isNaN(time) || time > latest.getTime()) {
        report(
          `${label}: expiresAt is ${JSON.stringify(expiresAt)}, but rooms in stack ${stack} must expire within ` +
            `${maxDays} days; ${fix}`,
        );
      }
    },
  );
}
