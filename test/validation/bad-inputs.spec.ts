// A table of bad inputs across the resources, the functions and the configuration: each is refused before
// any request (the emulator's log stays empty), with a message that names the property and the reason.
import assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import { EyesonConfigError } from "../../provider/errors";
import * as f from "../../provider/functions";
import { PermalinkProvider } from "../../provider/resources/permalinkProvider";
import { PermalinkHostProvider } from "../../provider/resources/permalinkHostProvider";
import { WebhookProvider } from "../../provider/resources/webhookProvider";
import { enterProgram, leaveProgram } from "../functions/support";
import { configured, TEST_OPTIONS } from "../resources/support";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** One bad input: what is tried, and the property and reason the refusal must name. */
interface BadInput {
  readonly what: string;
  readonly property: string;
  readonly reason: RegExp;
  readonly run: (ctx: {
    readonly emulator: Emulator;
  }) => Promise<readonly { property: string; reason: string }[]>;
}

const USER = { name: "Lead", id: "lead" };

function permalink(inputs: Record<string, unknown>): BadInput["run"] {
  return async ({ emulator }) => {
    const provider = await configured(new PermalinkProvider(TEST_OPTIONS), emulator);
    return (await provider.check({} as never, { user: USER, ...inputs } as never)).failures ?? [];
  };
}

function host(inputs: Record<string, unknown>): BadInput["run"] {
  return async ({ emulator }) => {
    const provider = await configured(new PermalinkHostProvider(TEST_OPTIONS), emulator);
    const args = { permalinkId: "64a0e1f2b3c4d5e6f7a8b9c0", user: { name: "Deputy" }, ...inputs };
    return (await provider.check({} as never, args as never)).failures ?? [];
  };
}

function webhook(inputs: Record<string, unknown>): BadInput["run"] {
  return async ({ emulator }) => {
    const provider = await configured(new WebhookProvider(TEST_OPTIONS), emulator);
    const args = { url: "https://hooks.example.com/eyeson", types: ["room_update"], ...inputs };
    return (await provider.check({} as never, args as never)).failures ?? [];
  };
}

/** A function's refusal as a failure `{ property, reason }`, read from its message `<fn>: <property> <reason>`. */
function fn(call: () => Promise<unknown>): BadInput["run"] {
  return async () => {
    try {
      await call();
    } catch (err) {
      assert.ok(EyesonConfigError.isInstance(err), `a configuration error, got ${String(err)}`);
      const [, property = "", reason = ""] = /^\w+: (\S+) (.*)$/s.exec(err.message) ?? [];
      return [{ property, reason }];
    }
    return [];
  };
}

/** The configuration properties a message may name. */
const CONFIG_PROPERTIES = ["eyeson:endpoint", "eyeson:apiKey"];

/**
 * A function call with bad settings, refused as a failure on each configuration property its message names
 * (the table's row says which one it must name). Where the URL allows it, the settings point at the emulator,
 * so a call that got past the check would show up in its request log.
 */
function config(settings: (emulator: Emulator) => { apiKey?: string; endpoint?: string }): BadInput["run"] {
  return async ({ emulator }) => {
    try {
      await f.getPermalink(
        { permalinkId: "64a0e1f2b3c4d5e6f7a8b9c0" },
        { apiKey: emulator.apiKey, ...settings(emulator) },
      );
    } catch (err) {
      assert.ok(EyesonConfigError.isInstance(err), `a configuration error, got ${String(err)}`);
      const message = err.message;
      return CONFIG_PROPERTIES.filter((p) => message.includes(p)).map((property) => ({
        property,
        reason: message,
      }));
    }
    return [];
  };
}

const AK = "VgoCcMUSQQ6h4zwpEfBuo0rZ";

const TABLE: readonly BadInput[] = [
  // Permalink
  {
    what: "a room name that is empty",
    property: "name",
    reason: /must not be empty/,
    run: permalink({ name: " " }),
  },
  {
    what: "a room name with a line break",
    property: "name",
    reason: /control characters/,
    run: permalink({ name: "a\nb" }),
  },
  {
    what: "a room name of 300 characters",
    property: "name",
    reason: /at most 256/,
    run: permalink({ name: "x".repeat(300) }),
  },
  {
    what: "a room name that is a number",
    property: "name",
    reason: /must be a string/,
    run: permalink({ name: 7 }),
  },
  { what: "no first host", property: "user", reason: /is required/, run: permalink({ user: undefined }) },
  {
    what: "a first host that is a string",
    property: "user",
    reason: /must be an object/,
    run: permalink({ user: "lead" }),
  },
  {
    what: "a first host without a name",
    property: "user.name",
    reason: /is required/,
    run: permalink({ user: { id: "x" } }),
  },
  {
    what: "a first host id with a slash",
    property: "user.id",
    reason: /'\/'/,
    run: permalink({ user: { name: "A", id: "a/b" } }),
  },
  {
    what: "a first host id with a space",
    property: "user.id",
    reason: /whitespace/,
    run: permalink({ user: { name: "A", id: "a b" } }),
  },
  {
    what: "an avatar that is not a URL",
    property: "user.avatar",
    reason: /absolute URL/,
    run: permalink({ user: { name: "A", avatar: "me.png" } }),
  },
  {
    what: "an avatar with an ftp URL",
    property: "user.avatar",
    reason: /https/,
    run: permalink({ user: { name: "A", avatar: "ftp://x/a.png" } }),
  },
  {
    what: "an unknown host field",
    property: "user.email",
    reason: /unknown property/,
    run: permalink({ user: { name: "A", email: "a@b" } }),
  },
  {
    what: "an expiry of 31 February",
    property: "expiresAt",
    reason: /ISO 8601/,
    run: permalink({ expiresAt: "2031-02-31T10:00:00Z" }),
  },
  {
    what: "an expiry at hour 24",
    property: "expiresAt",
    reason: /ISO 8601/,
    run: permalink({ expiresAt: "2031-03-01T24:00:00Z" }),
  },
  {
    what: "an expiry in month 13",
    property: "expiresAt",
    reason: /ISO 8601/,
    run: permalink({ expiresAt: "2031-13-01" }),
  },
  {
    what: "an expiry without a time zone",
    property: "expiresAt",
    reason: /time zone/,
    run: permalink({ expiresAt: "2031-03-01T10:00:00" }),
  },
  {
    what: "an expiry in the past",
    property: "expiresAt",
    reason: /in the future/,
    run: permalink({ expiresAt: "2020-01-01T00:00:00Z" }),
  },
  {
    what: "an expiry in words",
    property: "expiresAt",
    reason: /ISO 8601/,
    run: permalink({ expiresAt: "next Tuesday" }),
  },
  {
    what: "options that are a list",
    property: "options",
    reason: /object of room options/,
    run: permalink({ options: [] }),
  },
  {
    what: "an unknown room option",
    property: "options.shiny",
    reason: /unknown property/,
    run: permalink({ options: { shiny: true } }),
  },
  {
    what: "a response-only option",
    property: "options.suggestGuestNames",
    reason: /cannot be set/,
    run: permalink({ options: { suggestGuestNames: true } }),
  },
  {
    what: "a boolean option given as a string",
    property: "options.widescreen",
    reason: /true or false/,
    run: permalink({ options: { widescreen: "yes" } }),
  },
  {
    what: "an unknown SFU mode",
    property: "options.sfuMode",
    reason: /one of/,
    run: permalink({ options: { sfuMode: "mesh" } }),
  },
  {
    what: "an unknown audio insert",
    property: "options.audioInsert",
    reason: /one of/,
    run: permalink({ options: { audioInsert: "loud" } }),
  },
  {
    what: "a colour name",
    property: "options.backgroundColor",
    reason: /hex colour/,
    run: permalink({ options: { backgroundColor: "red" } }),
  },
  {
    what: "a colour of five digits",
    property: "options.backgroundColor",
    reason: /hex colour/,
    run: permalink({ options: { backgroundColor: "#12345" } }),
  },
  {
    what: "an exit URL without a scheme",
    property: "options.exitUrl",
    reason: /absolute URL/,
    run: permalink({ options: { exitUrl: "example.com" } }),
  },
  {
    what: "an exit URL with javascript:",
    property: "options.exitUrl",
    reason: /https/,
    run: permalink({ options: { exitUrl: "javascript:alert(1)" } }),
  },
  {
    what: "an audio insert position below zero",
    property: "options.audioInsertPosition.x",
    reason: />= 0/,
    run: permalink({ options: { audioInsertPosition: { x: -1, y: 0 } } }),
  },
  {
    what: "an audio insert position that is a string",
    property: "options.audioInsertPosition",
    reason: /object \{ x, y \}/,
    run: permalink({ options: { audioInsertPosition: "0,0" } }),
  },
  {
    what: "an unknown GUI locale",
    property: "options.customFields.locale",
    reason: /one of/,
    run: permalink({ options: { customFields: { locale: "it" } } }),
  },
  {
    what: "a logo that is not a URL",
    property: "options.customFields.logo",
    reason: /absolute URL/,
    run: permalink({ options: { customFields: { logo: "logo.png" } } }),
  },
  {
    what: "a custom field holding an object",
    property: "options.customFields.team",
    reason: /string, number or boolean/,
    run: permalink({ options: { customFields: { team: { a: 1 } } } }),
  },
  {
    what: "a custom field flag given as a number",
    property: "options.customFields.hideChat",
    reason: /true or false/,
    run: permalink({ options: { customFields: { hideChat: 1 } } }),
  },
  {
    what: "an adopt id with a slash",
    property: "adoptId",
    reason: /'\/'/,
    run: permalink({ adoptId: "a/b" }),
  },
  {
    what: "an unknown Permalink input",
    property: "hosts",
    reason: /unknown property/,
    run: permalink({ hosts: [] }),
  },
  // PermalinkHost
  {
    what: "a host without a permalink",
    property: "permalinkId",
    reason: /is required/,
    run: host({ permalinkId: undefined }),
  },
  {
    what: "a permalink id with a slash",
    property: "permalinkId",
    reason: /'\/'/,
    run: host({ permalinkId: "a/b" }),
  },
  { what: "a host without a name", property: "user.name", reason: /is required/, run: host({ user: {} }) },
  {
    what: "a host id with a slash",
    property: "user.id",
    reason: /'\/'/,
    run: host({ user: { name: "D", id: "x/y" } }),
  },
  { what: "a host given as a list", property: "user", reason: /must be an object/, run: host({ user: [] }) },
  {
    what: "an unknown host input",
    property: "role",
    reason: /unknown property/,
    run: host({ role: "admin" }),
  },
  // Webhook
  {
    what: "a webhook without a URL",
    property: "url",
    reason: /is required/,
    run: webhook({ url: undefined }),
  },
  {
    what: "a webhook to plain http on the internet",
    property: "url",
    reason: /https/,
    run: webhook({ url: "http://hooks.example.com/x" }),
  },
  {
    // The engine prints a failing property's value: this failure names the property in its reason instead.
    what: "a webhook URL with credentials",
    property: "",
    reason: /^url must not contain credentials/,
    run: webhook({ url: "https://user:pass@hooks.example.com/x" }),
  },
  {
    what: "a webhook URL that is not a URL",
    property: "url",
    reason: /absolute URL/,
    run: webhook({ url: "hooks" }),
  },
  {
    what: "a webhook without types",
    property: "types",
    reason: /is required/,
    run: webhook({ types: undefined }),
  },
  { what: "a webhook with no types", property: "types", reason: /at least one/, run: webhook({ types: [] }) },
  {
    what: "a webhook with types as one string",
    property: "types",
    reason: /list of event types/,
    run: webhook({ types: "room_update" }),
  },
  {
    what: "a webhook with an unknown type",
    property: "types[1]",
    reason: /one of/,
    run: webhook({ types: ["room_update", "chat"] }),
  },
  {
    what: "adoptExisting given as a string",
    property: "adoptExisting",
    reason: /true or false/,
    run: webhook({ adoptExisting: "yes" }),
  },
  // Functions
  {
    what: "startRoom without a user",
    property: "user",
    reason: /is required/,
    run: fn(() => f.startRoom({} as never)),
  },
  {
    what: "startRoom with an unknown option",
    property: "options.shiny",
    reason: /unknown property/,
    run: fn(() => f.startRoom({ user: USER, options: { shiny: true } as never })),
  },
  {
    what: "getRoom without an access key",
    property: "accessKey",
    reason: /is required/,
    run: fn(() => f.getRoom({} as never)),
  },
  {
    what: "sendMessage with an unknown type",
    property: "type",
    reason: /one of/,
    run: fn(() => f.sendMessage({ accessKey: AK, content: "x", type: "shout" as never })),
  },
  {
    what: "sendMessage without content",
    property: "content",
    reason: /is required/,
    run: fn(() => f.sendMessage({ accessKey: AK } as never)),
  },
  {
    what: "addLayer with both a URL and a file",
    property: "url/file",
    reason: /exactly one/,
    run: fn(() => f.addLayer({ accessKey: AK, url: "https://x/a.png", file: "a.png" })),
  },
  {
    what: "addLayer with z-index 2",
    property: "zIndex",
    reason: /one of/,
    run: fn(() => f.addLayer({ accessKey: AK, url: "https://x/a.png", zIndex: 2 as never })),
  },
  {
    what: "setLayout with eleven boxes",
    property: "map",
    reason: /at most 10/,
    run: fn(() =>
      f.setLayout({ accessKey: AK, map: Array.from({ length: 11 }, () => [0, 0, 10, 10, "auto"] as const) }),
    ),
  },
  {
    what: "startPlayback with a loop count of -2",
    property: "loopCount",
    reason: /integer from -1/,
    run: fn(() => f.startPlayback({ accessKey: AK, url: "https://x/v.webm", loopCount: -2 })),
  },
  {
    what: "startPlayback without a URL",
    property: "url",
    reason: /is required/,
    run: fn(() => f.startPlayback({ accessKey: AK } as never)),
  },
  {
    what: "startBroadcast to an https URL",
    property: "streamUrl",
    reason: /rtmp/,
    run: fn(() => f.startBroadcast({ accessKey: AK, streamUrl: "https://live.example.com" })),
  },
  {
    what: "listRoomRecordings from 31 February",
    property: "since",
    reason: /ISO 8601/,
    run: fn(() => f.listRoomRecordings({ roomId: "r", since: "2031-02-31T00:00:00Z" })),
  },
  {
    what: "listRoomSnapshots from page 0",
    property: "page",
    reason: /integer from 1/,
    run: fn(() => f.listRoomSnapshots({ roomId: "r", page: 0 })),
  },
  {
    what: "listPermalinks with a limit of 500",
    property: "limit",
    reason: /integer from 1 to 100/,
    run: fn(() => f.listPermalinks({ limit: 500 })),
  },
  {
    what: "forwardMcu with no media type",
    property: "type",
    reason: /non-empty list/,
    run: fn(() => f.forwardMcu({ roomId: "r", forwardId: "x", type: [], url: "https://w/whip" })),
  },
  {
    what: "forwardSource with an unknown media type",
    property: "type[0]",
    reason: /one of/,
    run: fn(() =>
      f.forwardSource({
        roomId: "r",
        forwardId: "x",
        userId: "u",
        type: ["screen" as never],
        url: "https://w/whip",
      }),
    ),
  },
  {
    what: "stopForward without a forward id",
    property: "forwardId",
    reason: /is required/,
    run: fn(() => f.stopForward({ roomId: "r" } as never)),
  },
  {
    what: "registerGuest without a name",
    property: "name",
    reason: /is required/,
    run: fn(() => f.registerGuest({ guestToken: AK } as never)),
  },
  {
    what: "kickRoomUser with missingOk as a string",
    property: "missingOk",
    reason: /true or false/,
    run: fn(() => f.kickRoomUser({ accessKey: AK, userId: "u", missingOk: "yes" as never })),
  },
  // Configuration
  {
    what: "an endpoint over plain http to the internet",
    property: "eyeson:endpoint",
    reason: /plain http:\/\//,
    run: config(() => ({ endpoint: "http://api.eyeson.team" })),
  },
  {
    what: "an endpoint with credentials",
    property: "eyeson:endpoint",
    reason: /must not contain credentials/,
    run: config((e) => ({ endpoint: e.url.replace("http://", "http://me:pw@") })),
  },
  {
    what: "an endpoint with a query string",
    property: "eyeson:endpoint",
    reason: /query string/,
    run: config((e) => ({ endpoint: `${e.url}?x=1` })),
  },
  {
    what: "an endpoint that is not a URL",
    property: "eyeson:endpoint",
    reason: /not a valid URL/,
    run: config(() => ({ endpoint: "api.eyeson.team" })),
  },
  {
    what: "an endpoint with an ftp scheme",
    property: "eyeson:endpoint",
    reason: /must use https/,
    run: config((e) => ({ endpoint: e.url.replace("http://", "ftp://") })),
  },
  {
    what: "an API key with a line break",
    property: "eyeson:apiKey",
    reason: /control characters/,
    run: config((e) => ({ apiKey: "abc\ndef", endpoint: e.url })),
  },
];

describe("bad inputs are refused before any request, naming the property and the reason", () => {
  let emulator: Emulator;

  before(async () => {
    emulator = await startEmulator({ strict: true });
    await enterProgram(emulator);
  });
  after(async () => {
    leaveProgram();
    await emulator.close();
  });
  beforeEach(() => emulator.requests.clear());

  it("has at least 60 cases across resources, functions and configuration", () => {
    assert.ok(TABLE.length >= 60, `${TABLE.length} cases`);
  });

  for (const bad of TABLE) {
    it(`refuses ${bad.what}`, async () => {
      const failures = await bad.run({ emulator });
      const named = failures.find((failure) => failure.property === bad.property);
      assert.ok(named, `a failure names ${bad.property}; got ${JSON.stringify(failures)}`);
      assert.match(named.reason, bad.reason);
      assert.deepEqual(emulator.requests.list(), [], "no request was sent");
    });
  }
});
