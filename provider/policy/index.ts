/**
 * `pulumi-eyeson/policy`: rules a platform team composes into its own Pulumi policy pack (`@pulumi/policy`).
 * Each factory takes its settings and an enforcement level and returns a resource policy that checks the
 * dynamic resources (`new eyeson.Permalink(...)`) and the plugin's (`eyeson:index:Permalink`, from any language).
 *
 * ```ts
 * import { PolicyPack } from "@pulumi/policy";
 * import { protectedRoomsPolicy, webhookUrlPolicy } from "pulumi-eyeson/policy";
 *
 * new PolicyPack("eyeson-guardrails", {
 *   policies: [
 *     webhookUrlPolicy({ allowedHosts: ["incidents.example.com"] }),
 *     protectedRoomsPolicy({ stacks: "prod" }),
 *   ],
 * });
 * ```
 *
 * This module needs `@pulumi/policy` only for its types (an optional peer dependency); the main package never
 * loads it.
 */
export {
  webhookUrlPolicy,
  roomLinkDomainsPolicy,
  recordingOffPolicy,
  protectedRoomsPolicy,
  roomExpiryPolicy,
  type WebhookUrlSettings,
  type RoomLinkDomainsSettings,
  type RecordingOffSettings,
  type MediaOption,
  type ProtectedRoomsSettings,
  type RoomExpirySettings,
} from "./rules";
export {
  resourceTypes,
  type EyesonResourceName,
  type RuleSettings,
  type StackPattern,
  type StackScope,
} from "./scope";
