// What each resource puts into the state as its provider: a few lines that load the implementation by package
// name at call time, with nothing captured but the resource kind, and the URN type tokens fixed for release.
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { Permalink } from "../../provider/resources/permalink";
import { PermalinkProvider } from "../../provider/resources/permalinkProvider";
import { PermalinkHost } from "../../provider/resources/permalinkHost";
import { PermalinkHostProvider } from "../../provider/resources/permalinkHostProvider";
import { load } from "../../provider/resources/shim";
import { shim } from "../../provider/resources/shimProvider";
import { Webhook } from "../../provider/resources/webhook";
import { WebhookProvider } from "../../provider/resources/webhookProvider";

// The provider text is stored twice in every resource's state (inputs and outputs); it is about 0.6 KB.
const MAX_PROVIDER_BYTES = 1024;
// How much smaller it must be than the conventional way: the implementation passed to dynamic.Resource.
const MIN_SHRINK_FACTOR = 10;
const CANARY_KEY = "sk_canary_serialization_0123456789";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const registered: Registered[] = [];
const mocks: pulumi.runtime.Mocks = {
  newResource(args) {
    registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
    return { id: `${args.name}-id`, state: args.inputs };
  },
  call: () => ({}),
};

const CASES = [
  {
    kind: "permalink",
    type: "pulumi-nodejs:dynamic/eyeson:Permalink",
    declare: () => new Permalink("room", { name: "Room", user: { name: "Host" } }),
    outputs: [
      "permalinkId",
      "roomId",
      "createdAt",
      "started",
      "userToken",
      "guestToken",
      "hostUrl",
      "guestUrl",
      "name",
      "expiresAt",
      "options",
      "adoptId",
      "stateVersion",
      "userId",
    ],
  },
  {
    kind: "permalinkHost",
    type: "pulumi-nodejs:dynamic/eyeson:PermalinkHost",
    declare: () =>
      new PermalinkHost("host", { permalinkId: "0123456789abcdef01234567", user: { name: "Deputy" } }),
    outputs: ["permalinkId", "user", "userId", "userToken", "hostUrl", "stateVersion"],
  },
  {
    kind: "webhook",
    type: "pulumi-nodejs:dynamic/eyeson:Webhook",
    declare: () => new Webhook("hook", { url: "https://hooks.example.com/x", types: ["room_update"] }),
    outputs: [
      "url",
      "types",
      "adoptExisting",
      "webhookId",
      "lastRequestSentAt",
      "lastResponseCode",
      "stateVersion",
    ],
  },
] as const;

// Names that exist only in the implementation; none may appear in the serialized provider.
const IMPLEMENTATION_MARKERS = [
  "createPermalink",
  "addPermalinkHost",
  "registerWebhook",
  "EyesonClient",
  "undici",
  "withClient",
  "checkRoomOptions",
  "Authorization",
  "class ",
];

describe("serialized providers", () => {
  let savedKey: string | undefined;

  before(async () => {
    savedKey = process.env.EYESON_API_KEY;
    process.env.EYESON_API_KEY = CANARY_KEY;
    await pulumi.runtime.setMocks(mocks, "serialization-spec", "dev", false);
    pulumi.runtime.setAllConfig({ "eyeson:apiKey": CANARY_KEY }, ["eyeson:apiKey"]);
  });

  after(() => {
    pulumi.runtime.resetOptions("serialization-spec", "dev", -1, "", "", false, "");
    pulumi.runtime.setAllConfig({});
    if (savedKey === undefined) delete process.env.EYESON_API_KEY;
    else process.env.EYESON_API_KEY = savedKey;
  });

  beforeEach(() => {
    registered.length = 0;
  });

  async function declared(
    declare: () => pulumi.CustomResource,
  ): Promise<{ resource: pulumi.CustomResource; reg: Registered }> {
    const resource = declare();
    await new Promise<void>((resolve) => resource.urn.apply(() => resolve()));
    const reg = registered.at(-1) ?? assert.fail("nothing was registered");
    return { resource, reg };
  }

  for (const c of CASES) {
    describe(c.type, () => {
      it("registers under the fixed type token", async () => {
        const { reg } = await declared(c.declare);
        assert.equal(reg.type, c.type);
      });

      it("stores a small provider that requires the implementation at call time and captures only its kind", async () => {
        const { reg } = await declared(c.declare);
        const text = reg.inputs.__provider;
        assert.equal(typeof text, "string");
        const bytes = Buffer.byteLength(text as string);
        assert.ok(bytes <= MAX_PROVIDER_BYTES, `serialized provider is ${bytes} bytes`);
        assert.match(text as string, /require\("pulumi-eyeson\/provider\/resources\/shim"\)/);
        assert.match(text as string, new RegExp(`kind: "${c.kind}"`));
        for (const marker of IMPLEMENTATION_MARKERS) {
          assert.ok(!(text as string).includes(marker), `the provider text contains ${marker}`);
        }
      });

      it("keeps the API key out of the provider and the inputs, even when it is in config and environment", async () => {
        const { reg } = await declared(c.declare);
        assert.ok(!JSON.stringify(reg.inputs).includes(CANARY_KEY));
      });

      it("declares every output, seeded as undefined, so each is an Output on the resource", async () => {
        const { resource } = await declared(c.declare);
        for (const key of c.outputs) {
          const value = (resource as unknown as Record<string, unknown>)[key];
          assert.ok(pulumi.Output.isInstance(value), `${key} is an Output`);
        }
      });
    });
  }

  it("hands every resource of a kind the same provider object, so Pulumi serializes it once per program", () => {
    assert.equal(shim("permalink"), shim("permalink"));
    assert.notEqual(shim("permalink"), shim("webhook"));
  });

  it("stores a provider at least ten times smaller than the implementation passed directly", async function () {
    this.timeout(60_000);
    const conventional = await pulumi.runtime.serializeFunction(() => new PermalinkProvider(), {
      allowSecrets: true,
    });
    const { reg } = await declared(() => new Permalink("sized", { user: { name: "Host" } }));
    const ours = Buffer.byteLength(reg.inputs.__provider as string);
    const theirs = Buffer.byteLength(conventional.text);
    assert.ok(ours * MIN_SHRINK_FACTOR <= theirs, `${ours} bytes against ${theirs} bytes`);
  });

  // Pulumi's serializer must be able to take each implementation as it is, as a program that passes one to
  // dynamic.Resource would (and as `npm run bench` measures it); a declaration shaped like an `import *` result
  // (a `default` that is not an object) made it throw for the Webhook.
  for (const [kind, implementation] of [
    ["permalinkHost", () => new PermalinkHostProvider()],
    ["webhook", () => new WebhookProvider()],
  ] as const) {
    it(`stores a ${kind} provider at least ten times smaller than its implementation passed directly`, async function () {
      this.timeout(60_000);
      const conventional = await pulumi.runtime.serializeFunction(implementation, { allowSecrets: true });
      const provider = shim(kind);
      const ours = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
      const [oursBytes, theirs] = [Buffer.byteLength(ours.text), Buffer.byteLength(conventional.text)];
      assert.ok(oursBytes * MIN_SHRINK_FACTOR <= theirs, `${oursBytes} bytes against ${theirs} bytes`);
    });
  }

  it("serializes the same provider text for every resource of a kind", async () => {
    const a = await declared(() => new Permalink("a", { user: { name: "A" } }));
    const b = await declared(
      () => new Permalink("b", { user: { name: "B" }, options: { widescreen: true } }),
    );
    assert.equal(a.reg.inputs.__provider, b.reg.inputs.__provider);
  });
});

describe("shim loader", () => {
  it("creates one implementation per deserialized provider object and reuses it for every call", () => {
    const hostA = {};
    const hostB = {};
    const a = load("permalink", hostA);
    assert.ok(a instanceof PermalinkProvider);
    assert.equal(load("permalink", hostA), a);
    assert.notEqual(load("permalink", hostB), a, "each provider instance keeps its own configuration");
    assert.ok(load("webhook", {}) instanceof WebhookProvider);
  });

  it("keeps the implementation off the object's enumerable properties, so it is never serialized back", () => {
    const host = {};
    load("permalinkHost", host);
    assert.deepEqual(Object.keys(host), []);
    assert.equal(JSON.stringify(host), "{}");
  });

  it("gives a provider that was serialized with only configure the other methods, all using one implementation", async () => {
    const host = {};
    const impl = load("permalink", host);
    const methods = host as Required<pulumi.dynamic.ResourceProvider>;
    for (const method of ["check", "diff", "create", "read", "update", "delete"] as const) {
      assert.equal(typeof methods[method], "function", method);
    }
    const checked = await methods.check({}, { name: "Room", user: { name: "Host" } });
    assert.deepEqual(checked, await impl.check({}, { name: "Room", user: { name: "Host" } }));
    assert.deepEqual(Object.keys(host), []);
  });

  it("keeps the methods of a provider written by 0.1.0, which serialized all seven", () => {
    const own = async (): Promise<pulumi.dynamic.CheckResult> => ({ inputs: {} });
    const host = { check: own };
    load("webhook", host);
    assert.equal(host.check, own);
  });

  it("names an unknown kind instead of failing obscurely", () => {
    assert.throws(() => load("room" as never, {}), /unknown resource kind "room"/);
  });
});
