/**
 * The machinery shared by every eyeson function: credentials, one client per account, argument
 * checks, the preview guard, and the Promise/Output wrappers. A function module only declares its
 * operation (`defineFunction`) and exports two one-line wrappers around it.
 *
 * The Pulumi engine does not serve invokes for dynamic providers, so these run in the program's own
 * process and call the API through `EyesonClient`, like any data source would.
 */
import * as pulumi from "@pulumi/pulumi";
import { accountOf, sharedAccountClients } from "../accountClients";
import type { EyesonClient } from "../client";
import { ENDPOINTS } from "../endpoints";
import type { EyesonApi } from "../eyesonApi";
import { resolveSettings, type EyesonSettings } from "../config";
import { verifyCredentials } from "../credentials";
import { EyesonConfigError, EyesonError } from "../errors";
import { CREDENTIAL_FIELDS } from "../http/secrets";
import { ArgCheck } from "../validate";
import { isKnown, settled, valueOf } from "./outputState";

/** The access key every in-meeting call needs. */
export interface InMeeting {
  /** Secret: the access key of a user in the meeting (e.g. `startRoom(...).accessKey`). */
  readonly accessKey: string;
}

/** What a function can wait for: a resource, or any Output, such as another function's result. */
export type EyesonDependency = pulumi.Input<pulumi.Resource> | pulumi.Output<unknown>;

/** Options of every eyeson function: credentials that override the stack's, and what to wait for. */
export interface EyesonInvokeOptions {
  /** API key; overrides `eyeson:apiKey` and `EYESON_API_KEY`. */
  readonly apiKey?: pulumi.Input<string>;
  /** API base URL; overrides `eyeson:endpoint` and `EYESON_API_ENDPOINT`. */
  readonly endpoint?: string;
  /**
   * Resources (or other functions' results) to wait for: the Output form runs once they exist and stays
   * unknown in preview while one is unknown, e.g. `stopRecordingOutput(args, { dependsOn: [started] })`.
   */
  readonly dependsOn?: EyesonDependency | EyesonDependency[];
}

type Primitive = string | number | boolean | null | undefined;

/** `T` with every field, nested ones included, accepting a `pulumi.Input`. */
export type DeepInput<T> = [T] extends [Primitive]
  ? pulumi.Input<T>
  : pulumi.Input<
      { readonly [K in keyof NonNullable<T>]: DeepInput<NonNullable<T>[K]> } | Extract<T, undefined>
    >;

/** The arguments of an Output-form function: the plain arguments with `pulumi.Input`s all the way down. */
export type InputArgs<T> = { readonly [K in keyof T]: DeepInput<T[K]> };

/**
 * `T` without the open-ended `Extra` index signatures of the API types (the fields stay at run time).
 * Pulumi lifts `output.field` only for declared keys; an index signature would turn every lifted
 * property into `Output<unknown>`, so results use this shape.
 */
export type Known<T> = unknown extends T
  ? T
  : T extends Primitive
    ? T
    : T extends readonly (infer U)[]
      ? readonly Known<U>[]
      : { readonly [K in keyof T as string extends K ? never : number extends K ? never : K]: Known<T[K]> };

/**
 * Whether a second run of the same call ends where the first did: `true` (always), `false` (each run acts
 * again), or only with the named argument (`missingOk`, a `playId`, a fixed `id`).
 */
export type Convergence = boolean | "withMissingOk" | "withPlayId" | "withFixedId";

/** One eyeson function, declared once: both forms, the plugin's invokes and the docs checks come from it. */
export interface OperationSpec<A, R> {
  /** The exported name of the Promise form, e.g. `sendMessage`, and the client method it calls. */
  readonly name: keyof EyesonApi;
  /** True when the call changes a meeting or the account: it never runs during preview. */
  readonly sideEffect: boolean;
  /** Whether a second run converges (see `Convergence`); read-only functions always do. */
  readonly converges: Convergence;
  /** True when the result always carries tokens or join links (the Output form then is secret). */
  readonly sensitive?: boolean;
  /** Throws `EyesonConfigError` naming the property and the reason; runs before any request. */
  readonly validate: (args: A, check: ArgCheck) => void;
  /** The request(s): client methods only. */
  readonly run: (client: EyesonClient, args: A) => Promise<R>;
}

/**
 * True when the call is authorised by the API key (its endpoint's auth), not an access key or token: a
 * preview then proves the key with one read-only request, so it fails where the `up` would.
 */
export function usesApiKey(spec: Pick<OperationSpec<never, unknown>, "name">): boolean {
  return ENDPOINTS[spec.name].auth === "api_key";
}

/** The two forms of one eyeson function, and its declaration. */
export interface EyesonFunction<A, R> {
  readonly spec: OperationSpec<A, R>;
  readonly invoke: (args: A, opts?: EyesonInvokeOptions) => Promise<R>;
  readonly output: (args: InputArgs<A>, opts?: EyesonInvokeOptions) => pulumi.Output<R>;
}

const declared = new Map<string, EyesonFunction<never, unknown>>();

/** Builds both forms of a function from its declaration, and records the declaration (see `declaredFunctions`). */
export function defineFunction<A, R>(spec: OperationSpec<A, R>): EyesonFunction<A, R> {
  const fn: EyesonFunction<A, R> = {
    spec,
    invoke: (args, opts) => invokePromise(spec, args, opts),
    output: (args, opts) => invokeOutput(spec, args, opts),
  };
  // A module evaluated again (a cleared require cache) replaces its own declarations; two declarations of one
  // name in the source are caught by test/functions/declarations.spec.ts.
  declared.set(spec.name, fn as unknown as EyesonFunction<never, unknown>);
  return fn;
}

/** Every function declared so far, in declaration order (the `catalog` module loads them all). */
export function declaredFunctions(): readonly EyesonFunction<never, unknown>[] {
  return [...declared.values()];
}

async function invokePromise<A, R>(
  spec: OperationSpec<A, R>,
  args: A,
  opts?: EyesonInvokeOptions,
): Promise<R> {
  validateArgs(spec, args);
  if (spec.sideEffect && pulumi.runtime.isDryRun()) {
    throw new EyesonError(
      `${spec.name} changes a live meeting, so it does not run during preview; ` +
        `use ${spec.name}Output(...), which is unknown in preview and runs during the update`,
    );
  }
  if (opts?.dependsOn !== undefined && !(await isKnown(dependencyGate(opts.dependsOn)))) {
    throw new EyesonError(
      `${spec.name} depends on a resource or result that is not known yet; use ${spec.name}Output(...) to wait for it`,
    );
  }
  const client = await clientFor(opts);
  return spec.run(client, args);
}

function invokeOutput<A, R>(
  spec: OperationSpec<A, R>,
  args: InputArgs<A>,
  opts?: EyesonInvokeOptions,
): pulumi.Output<R> {
  // The program must not finish (and the engine close) while a request is still in flight.
  const done = pulumi.runtime.hasMonitor() ? pulumi.runtime.rpcKeepAlive() : undefined;
  const plainArgs = pulumi.output(args as pulumi.Input<unknown>) as unknown as pulumi.Output<A>;
  const result = pulumi
    .all([plainArgs, dependencyGate(opts?.dependsOn)])
    .apply(async ([unwrapped]): Promise<R> => {
      const plain = unwrapped as A;
      validateArgs(spec, plain);
      // Validated even in preview, so `pulumi preview` already reports a bad argument, and a key the `up`
      // would need is proven (one read-only request per process), so a bad key fails the preview too.
      if (spec.sideEffect && pulumi.runtime.isDryRun()) {
        if (usesApiKey(spec)) await proveApiKey(opts);
        return unknownValue<R>();
      }
      const client = await clientFor(opts);
      const value = await spec.run(client, plain);
      return spec.sensitive || containsSensitive(value) ? (pulumi.secret(value) as unknown as R) : value;
    });
  if (done) settled(result).then(done, done);
  return result;
}

/** The keys whose values let someone join or act in a meeting (`docs/api-notes.md`, "Credentials"). */
const SENSITIVE_KEYS: ReadonlySet<string> = new Set([...CREDENTIAL_FIELDS, "gui", "guestJoin", "websocket"]);

/** True when `value` holds a token or a join link anywhere; such results are made secret. */
export function containsSensitive(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsSensitive);
  if (typeof value !== "object" || value === null) return false;
  return Object.entries(value).some(
    ([key, inner]) => (SENSITIVE_KEYS.has(key) && inner != null) || containsSensitive(inner),
  );
}

function unknownValue<R>(): R {
  return pulumi.output(pulumi.unknown) as unknown as R;
}

/**
 * Resolves when every resource in `dependsOn` exists and every Output in it has resolved; unknown while one
 * is still to be created (a custom resource's id is unknown in preview until the engine has created it).
 */
function dependencyGate(dependsOn: EyesonInvokeOptions["dependsOn"]): pulumi.Output<unknown> {
  if (dependsOn === undefined) return pulumi.output(true);
  const list = Array.isArray(dependsOn) ? dependsOn : [dependsOn];
  const ready = pulumi.all(
    list.map((dependency) =>
      (pulumi.output(dependency) as pulumi.Output<unknown>).apply((value): pulumi.Output<string> | boolean =>
        pulumi.CustomResource.isInstance(value)
          ? value.id
          : pulumi.Resource.isInstance(value)
            ? value.urn
            : true,
      ),
    ),
  );
  // The gate carries no data, so a secret dependency must not make the result secret.
  return pulumi.unsecret(ready.apply(() => true));
}

async function settingsFor(opts?: EyesonInvokeOptions): Promise<EyesonSettings> {
  const fromStack = stackSettings();
  return resolveSettings({
    apiKey: (await plainApiKey(opts?.apiKey)) ?? fromStack.apiKey,
    endpoint: opts?.endpoint ?? fromStack.endpoint,
  });
}

async function proveApiKey(opts?: EyesonInvokeOptions): Promise<void> {
  const settings = await settingsFor(opts);
  await verifyCredentials(settings, clientOf(settings));
}

async function clientFor(opts?: EyesonInvokeOptions): Promise<EyesonClient> {
  return clientOf(await settingsFor(opts));
}

/** The account's client, shared with the resources in this process (see the `accountClients` module). */
function clientOf(settings: EyesonSettings): EyesonClient {
  return sharedAccountClients.clientFor(accountOf(settings));
}

/** `eyeson:apiKey` and `eyeson:endpoint` of the running stack; read per call, and only inside a program. */
function stackSettings(): { apiKey?: string; endpoint?: string } {
  if (!pulumi.runtime.hasMonitor()) return {};
  const config = new pulumi.Config("eyeson");
  return { apiKey: config.get("apiKey"), endpoint: config.get("endpoint") };
}

async function plainApiKey(input: pulumi.Input<string> | undefined): Promise<string | undefined> {
  if (!pulumi.Output.isInstance(input)) return input;
  // Read directly rather than through `all`, so a secret key does not make every result secret.
  if (!(await isKnown(input))) {
    throw new EyesonConfigError("The apiKey option is unknown (it comes from a resource not created yet)");
  }
  return valueOf(input);
}

/** Closes every cached client; for tests that start and stop emulators. */
export function closeClients(): Promise<void> {
  return sharedAccountClients.close();
}

function validateArgs<A, R>(spec: OperationSpec<A, R>, args: A): void {
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    throw new EyesonConfigError(`${spec.name}: the arguments must be an object`);
  }
  spec.validate(args, new ArgCheck(spec.name));
}
