/**
 * Shared set-up of the function specs: one emulator, Pulumi mocks that stand for a program (normal run or
 * preview), and a way to read an Output's value, known-ness and secret-ness the way the engine would.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator } from "../../emulator";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { startRoom } from "../../provider/functions";
import { closeClients, type EyesonInvokeOptions, type InputArgs } from "../../provider/functions/invoke";

/** The emulator handle the specs work with. */
export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** What an Output resolved to. */
export interface Resolved<T> {
  readonly value: T | undefined;
  readonly known: boolean;
  readonly secret: boolean;
}

interface OutputInternals<T> {
  readonly isKnown: Promise<boolean>;
  readonly isSecret: Promise<boolean>;
  promise(withUnknowns?: boolean): Promise<T>;
}

/** Resolves an Output like the engine does: its value (undefined when unknown), whether known, whether secret. */
export async function resolveOutput<T>(output: pulumi.Output<T>): Promise<Resolved<T>> {
  const o = output as unknown as OutputInternals<T>;
  const [value, known, secret] = await Promise.all([o.promise(), o.isKnown, o.isSecret]);
  return { value, known, secret };
}

/** The value of a known Output; fails the test when it is unknown. */
export async function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  const resolved = await resolveOutput(output);
  assert.equal(resolved.known, true, "the output is known");
  return resolved.value as T;
}

const mocks: pulumi.runtime.Mocks = {
  // Like the engine: a resource still to be created has no id during preview.
  newResource: (args) => ({ id: pulumi.runtime.isDryRun() ? "" : `${args.name}-id`, state: args.inputs }),
  call: (args) => args.inputs,
};

/** Stack config that points the functions at the emulator, like `pulumi config set` would. */
export function stackConfig(emulator: Emulator): Record<string, string> {
  return { "eyeson:endpoint": emulator.url, "eyeson:apiKey": emulator.apiKey };
}

/** Makes this process look like a Pulumi program (normal run or preview) with the emulator's stack config. */
export async function enterProgram(emulator: Emulator, preview = false): Promise<void> {
  await pulumi.runtime.setMocks(mocks, "functions-spec", "dev", preview);
  pulumi.runtime.setAllConfig(stackConfig(emulator), ["eyeson:apiKey"]);
}

/** Leaves the mocked program: no monitor, no preview, no config. */
export function leaveProgram(): void {
  pulumi.runtime.resetOptions("functions-spec", "dev", -1, "", "", false, "");
  pulumi.runtime.setAllConfig({});
}

/** Starts the emulator and enters a mocked program (normal run); call `stop` in `after`. */
export async function startFunctionsEmulator(): Promise<Emulator> {
  const emulator = await startEmulator({ strict: true });
  await enterProgram(emulator);
  return emulator;
}

/** Closes the cached clients and the emulator, and leaves the program. */
export async function stopFunctionsEmulator(emulator: Emulator | undefined): Promise<void> {
  leaveProgram();
  await closeClients();
  await emulator?.close();
}

/** The `METHOD /route` of every API request the emulator logged, in order. */
export function routes(emulator: Emulator): string[] {
  return emulator.requests.list().map((r) => r.route);
}

/** The API requests that may change something (anything but GET). */
export function sideEffectRequests(emulator: Emulator): string[] {
  return emulator.requests
    .list()
    .filter((r) => r.method !== "GET")
    .map((r) => r.route);
}

/** Fails when any of `secrets` appears in `text`. */
export function assertNoSecret(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) assert.ok(!text.includes(secret), "no key or token appears in the text");
}

/** Starts a meeting in a fixed room for a host and returns what the specs need of it. */
export async function openMeeting(
  roomId = "situation",
  options: Parameters<typeof startRoom>[0]["options"] = { sfuMode: "disabled", lockAvailable: true },
): Promise<Meeting> {
  const room = await startRoom({
    id: roomId,
    name: "Situation room",
    user: { name: "Ada", id: "ada" },
    options,
  });
  return {
    accessKey: room.accessKey,
    roomId: room.room.id,
    guestToken: room.room.guestToken ?? assert.fail("the room has a guest token"),
    userId: room.user.id,
  };
}

/** What a case's `prepare` and `verify` get: the emulator, a direct client, and shortcuts to set up state. */
export interface CaseContext {
  readonly emulator: Emulator;
  /** A client on the same emulator, for setting up state the function under test needs. */
  readonly client: EyesonClient;
  /** The running meeting `situation` (started once per test), as a host. */
  meeting(): Promise<Meeting>;
  /** The emulator's record of the meeting running in `roomId` (default `situation`). */
  meetingRecord(roomId?: string): MeetingRecord;
}

/** A meeting opened for a test. */
export interface Meeting {
  readonly accessKey: string;
  readonly roomId: string;
  readonly guestToken: string;
  readonly userId: string;
}

type MeetingRecord = NonNullable<ReturnType<Emulator["store"]["runningMeeting"]>>;

/** One function under test, run in both forms by `describeCases`. */
export interface FunctionCase<A, R> {
  /** The Promise form's name; the Output form is `<name>Output`. */
  readonly name: string;
  /** What the call does, in words that complete "<name> …". */
  readonly does: string;
  readonly prepare: (ctx: CaseContext) => Promise<A>;
  readonly promise: (args: A, opts?: EyesonInvokeOptions) => Promise<R>;
  readonly output: (args: InputArgs<A>, opts?: EyesonInvokeOptions) => pulumi.Output<R>;
  /** The request expected on the wire, as the emulator logs it (`METHOD /route`), or all of them in order. */
  readonly request: string | readonly string[];
  /** How the last request is authorised. */
  readonly auth: "api_key" | "access_key" | "token";
  /** Whether the Output form's result is secret. */
  readonly secret: boolean;
  readonly verify: (result: R, ctx: CaseContext, args: A) => void | Promise<void>;
}

/** A case with its types closed over, so cases of different functions fit in one list. */
export interface RunnableCase {
  readonly name: string;
  readonly does: string;
  run(form: "promise" | "output", ctx: CaseContext): Promise<void>;
}

/** Every top-level field of `args` as an Output, to prove the Output form takes `pulumi.Input`s. */
export function asInputs<A>(args: A): InputArgs<A> {
  const entries = Object.entries(args as Record<string, unknown>).map(([k, v]) => [k, pulumi.output(v)]);
  return Object.fromEntries(entries) as InputArgs<A>;
}

/** Closes a typed case into a runnable one. */
export function functionCase<A, R>(c: FunctionCase<A, R>): RunnableCase {
  return {
    name: c.name,
    does: c.does,
    async run(form, ctx) {
      const args = await c.prepare(ctx);
      ctx.emulator.requests.clear();
      let result: R;
      if (form === "promise") {
        result = await c.promise(args);
      } else {
        const resolved = await resolveOutput(c.output(asInputs(args)));
        assert.equal(resolved.known, true, "the result is known outside preview");
        assert.equal(
          resolved.secret,
          c.secret,
          c.secret ? "the result is secret" : "the result is not secret",
        );
        result = resolved.value as R;
      }
      const log = ctx.emulator.requests.list();
      assert.deepEqual(
        log.map((r) => r.route),
        typeof c.request === "string" ? [c.request] : c.request,
      );
      const main = log[log.length - 1];
      assert.equal(main.auth, c.auth);
      assert.ok(main.status >= 200 && main.status < 300, `answered ${main.status}`);
      await c.verify(result, ctx, args);
    },
  };
}

/** Runs each case in its Promise form and its Output form against a fresh emulator state. */
export function describeCases(area: string, cases: readonly RunnableCase[]): void {
  describe(`functions: ${area}`, () => {
    let emulator: Emulator | undefined;
    let client: EyesonClient | undefined;
    let meeting: Meeting | undefined;

    before(async () => {
      emulator = await startFunctionsEmulator();
      client = new EyesonClient({
        apiKey: emulator.apiKey,
        endpoint: emulator.url,
        retry: NO_DELAY_RETRY_POLICY,
      });
    });

    after(async () => {
      await client?.close();
      await stopFunctionsEmulator(emulator);
    });

    beforeEach(async () => {
      if (!emulator) assert.fail("emulator not started");
      emulator.reset();
      meeting = undefined;
      await enterProgram(emulator);
    });

    const ctx = (): CaseContext => {
      const emu = emulator ?? assert.fail("emulator not started");
      return {
        emulator: emu,
        client: client ?? assert.fail("client not created"),
        meeting: async () => (meeting ??= await openMeeting()),
        meetingRecord: (roomId = "situation") =>
          emu.store.runningMeeting(emu.apiKey, roomId) ?? assert.fail(`no meeting runs in ${roomId}`),
      };
    };

    for (const c of cases) {
      it(`${c.name} ${c.does}`, () => c.run("promise", ctx()));
      it(`${c.name}Output ${c.does}`, () => c.run("output", ctx()));
    }
  });
}
