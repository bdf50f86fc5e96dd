// The rules of pulumi-eyeson/policy as a policy pack calls them: which stacks and which resources a rule looks
// at, how host and domain lists match, and which settings a factory refuses. The engine runs them in
// test/engine/policy.spec.ts; here each rule meets the cases the engine specs do not reach.
import assert from "node:assert/strict";
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import {
  protectedRoomsPolicy,
  recordingOffPolicy,
  resourceTypes,
  roomExpiryPolicy,
  roomLinkDomainsPolicy,
  webhookUrlPolicy,
} from "../../provider/policy";

const DAY_MS = 24 * 60 * 60 * 1000;

interface Resource {
  type?: string;
  name?: string;
  stack?: string;
  props?: Record<string, unknown>;
  protect?: boolean;
}

/** The messages a policy reports for one resource, as the policy pack's server would call it. */
function violations(policy: ResourceValidationPolicy, resource: Resource): string[] {
  const type = resource.type ?? "pulumi-nodejs:dynamic/eyeson:Permalink";
  const name = resource.name ?? "war-room";
  const args = {
    type,
    name,
    urn: `urn:pulumi:${resource.stack ?? "dev"}::rooms::${type}::${name}`,
    props: resource.props ?? {},
    opts: { protect: resource.protect ?? false },
  } as unknown as ResourceValidationArgs;
  const found: string[] = [];
  const validate = policy.validateResource ?? assert.fail(`${policy.name} validates no resource`);
  for (const fn of Array.isArray(validate) ? validate : [validate])
    fn(args, (message) => found.push(message));
  return found;
}

const WEBHOOK = resourceTypes("Webhook");
const PERMALINK = resourceTypes("Permalink");

describe("pulumi-eyeson/policy", () => {
  describe("resource types", () => {
    it("names each resource's dynamic type and the plugin's type token", () => {
      assert.deepEqual(PERMALINK, ["pulumi-nodejs:dynamic/eyeson:Permalink", "eyeson:index:Permalink"]);
      assert.deepEqual(WEBHOOK, ["pulumi-nodejs:dynamic/eyeson:Webhook", "eyeson:index:Webhook"]);
    });

    it("leaves every other resource type alone, even with the same property names", () => {
      const rule = webhookUrlPolicy({ allowedHosts: ["hooks.example.com"] });
      assert.deepEqual(
        violations(rule, { type: "aws:sns/topicSubscription:TopicSubscription", props: { url: "http://x" } }),
        [],
      );
      assert.deepEqual(violations(protectedRoomsPolicy({}), { type: "eyeson:index:PermalinkHost" }), []);
    });
  });

  describe("stack scope", () => {
    const rule = protectedRoomsPolicy({
      stacks: ["prod", "prod-*", /^eu-.+-live$/],
      exceptStacks: "prod-sandbox",
    });
    const cases: Array<[string, boolean]> = [
      ["prod", true],
      ["prod-eu", true],
      ["eu-west-live", true],
      ["production", false],
      ["preprod", false],
      ["prod-sandbox", false],
      ["dev", false],
    ];
    for (const [stack, applies] of cases) {
      it(`${applies ? "applies" : "does not apply"} to stack ${stack}`, () => {
        assert.equal(violations(rule, { stack }).length, applies ? 1 : 0);
      });
    }

    it("applies to every stack when no stacks are given", () => {
      assert.equal(violations(protectedRoomsPolicy({}), { stack: "anything" }).length, 1);
      assert.deepEqual(violations(protectedRoomsPolicy({}), { stack: "anything", protect: true }), []);
    });
  });

  describe("webhookUrlPolicy", () => {
    const rule = webhookUrlPolicy({ allowedHosts: ["incidents.example.com", "*.hooks.example.com"] });
    const check = (url: string): string[] =>
      violations(rule, { type: WEBHOOK[1], name: "incidents", props: { url } });

    it("accepts https to an allowed host, or to any host below a *. entry, in any case", () => {
      assert.deepEqual(check("https://incidents.example.com/eyeson"), []);
      assert.deepEqual(check("https://a.b.hooks.example.com/eyeson"), []);
      assert.deepEqual(check("https://INCIDENTS.example.com/eyeson"), []);
    });

    it("refuses the host a *. entry stands below, and hosts that only end alike", () => {
      assert.equal(check("https://hooks.example.com/eyeson").length, 1);
      assert.equal(check("https://evilhooks.example.com/eyeson").length, 1);
      assert.equal(check("https://incidents.example.com.evil.net/eyeson").length, 1);
    });

    it("names the host but never the path or query, which may carry the receiver's secret", () => {
      const [message] = check("https://elsewhere.example.net/hook?token=s3cret");
      assert.match(
        message,
        /^Webhook "incidents": url delivers to host elsewhere\.example\.net, which is not allowed/,
      );
      assert.ok(!message.includes("s3cret") && !message.includes("/hook"));
    });

    it("refuses a factory without hosts", () => {
      assert.throws(
        () => webhookUrlPolicy({ allowedHosts: [] }),
        /allowedHosts must list at least one entry/,
      );
    });
  });

  describe("roomLinkDomainsPolicy", () => {
    const rule = roomLinkDomainsPolicy({ allowedDomains: ["example.com"] });

    it("accepts the domain and every host below it, and rooms without exit URL or logo", () => {
      const options = {
        exitUrl: "https://example.com/bye",
        customFields: { logo: "https://cdn.example.com/l.png" },
      };
      assert.deepEqual(violations(rule, { props: { options } }), []);
      assert.deepEqual(violations(rule, { props: {} }), []);
    });

    it("reports each property outside the domains on its own", () => {
      const options = { exitUrl: "https://example.com.evil.net/", customFields: { logo: "not a url" } };
      const found = violations(rule, { props: { options } });
      assert.equal(found.length, 2);
      assert.match(found[0], /options\.exitUrl points to example\.com\.evil\.net/);
      assert.match(found[1], /options\.customFields\.logo points to an invalid URL/);
    });
  });

  describe("recordingOffPolicy", () => {
    it("requires both options false by default, and only the listed ones when given", () => {
      assert.equal(
        violations(recordingOffPolicy({}), { props: { options: { recordingAvailable: false } } }).length,
        1,
      );
      const onlyRecording = recordingOffPolicy({ options: ["recordingAvailable"] });
      assert.deepEqual(violations(onlyRecording, { props: { options: { recordingAvailable: false } } }), []);
    });
  });

  describe("roomExpiryPolicy", () => {
    const rule = roomExpiryPolicy({ maxDays: 7 });
    const at = (days: number): string => new Date(Date.now() + days * DAY_MS).toISOString();

    it("accepts an expiry within the days, and refuses a later, a missing or an unreadable one", () => {
      assert.deepEqual(violations(rule, { props: { expiresAt: at(6) } }), []);
      assert.equal(violations(rule, { props: { expiresAt: at(8) } }).length, 1);
      assert.equal(violations(rule, { props: {} }).length, 1);
      assert.equal(violations(rule, { props: { expiresAt: "soon" } }).length, 1);
    });

    it("refuses a factory without a positive number of days", () => {
      for (const maxDays of [0, -1, Number.NaN]) {
        assert.throws(() => roomExpiryPolicy({ maxDays }), /maxDays must be a positive number/);
      }
    });
  });

  it("uses the given name and enforcement level, mandatory by default", () => {
    assert.equal(protectedRoomsPolicy({}).enforcementLevel, "mandatory");
    const advisory = protectedRoomsPolicy({ name: "prod-rooms-protected", enforcementLevel: "advisory" });
    assert.equal(advisory.name, "prod-rooms-protected");
    assert.equal(advisory.enforcementLevel, "advisory");
  });
});
