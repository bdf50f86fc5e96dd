// A policy pack for the standing-rooms stacks (examples/standing-rooms), built from the rules in
// pulumi-eyeson/policy. Each rule checks the TypeScript resources and the plugin's (any language) alike.
//
//   pulumi preview --stack dev --policy-pack examples/policy-pack
//
// `mandatory` rules fail the preview or update; `advisory` ones print a warning and let it go on.
import { PolicyPack } from "@pulumi/policy";
import {
  protectedRoomsPolicy,
  recordingOffPolicy,
  roomExpiryPolicy,
  roomLinkDomainsPolicy,
  webhookUrlPolicy,
} from "pulumi-eyeson/policy";

new PolicyPack("eyeson-guardrails", {
  policies: [
    // Events leave eyeson only towards the company's incident tool, over https.
    webhookUrlPolicy({
      allowedHosts: ["incidents.example.com", "incidents.staging.example.com", "incidents.dev.example.com"],
    }),
    // The GUI's exit button and logo never send people to someone else's site.
    roomLinkDomainsPolicy({ allowedDomains: ["example.com"] }),
    // Test data stays out of recordings: dev rooms may not record, and rooms of pull-request stacks may neither
    // record nor broadcast. The same rule twice, so the second one has a name of its own.
    recordingOffPolicy({ stacks: "dev", options: ["recordingAvailable"] }),
    recordingOffPolicy({ name: "eyeson-pr-media-off", stacks: "pr-*" }),
    // Production rooms carry `protect: true`. Advisory while the example's prod rooms are not protected yet:
    // it warns; make it mandatory once they are.
    protectedRoomsPolicy({ stacks: ["prod", "prod-*"], enforcementLevel: "advisory" }),
    // Rooms made by a pull-request stack close within a week, even if the stack is never destroyed.
    roomExpiryPolicy({ maxDays: 7, stacks: "pr-*" }),
  ],
});
