// Drives the real dynamic-provider host shipped in @pulumi/pulumi over gRPC, the way the engine does, so
// dynamic resources can be tested without the Pulumi CLI: the provider is serialized by Pulumi's own
// serializer, deserialized by the host from the `__provider` property in a separate Node process started in
// the repository root (the program directory), and called through configure/check/diff/create/read/update/
// delete. Values cross the wire as protobuf Structs with the engine's unknown and secret sentinels.
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import type { Readable } from "node:stream";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as emptyTypes from "google-protobuf/google/protobuf/empty_pb";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";
import * as pulumi from "@pulumi/pulumi";
import * as providerGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";

// Load gRPC and protobuf exactly as the generated stubs do (from @pulumi/pulumi's own dependencies), so the
// message classes and the channel implementation are the very instances the stubs were built against.
const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = pulumiRequire("@grpc/grpc-js") as typeof grpcTypes;
const { Struct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb") as typeof structTypes;
const { Empty } = pulumiRequire("google-protobuf/google/protobuf/empty_pb") as typeof emptyTypes;
const statusProto = pulumiRequire("./proto/status_pb") as {
  Status: { deserializeBinary(b: Uint8Array): { getDetailsList(): AnyMessage[] } };
};
interface AnyMessage {
  getTypeName(): string;
  getValue_asU8(): Uint8Array;
}

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const PROVIDER_KEY = "__provider";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** The engine's sentinel for a value not known yet (preview); it arrives as this string. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A property value in the wire format of a secret (only `configure` receives secrets). */
export interface SecretValue {
  [SIG_KEY]: typeof SECRET_SIG;
  value: unknown;
}

/** Marks a value as secret the way the engine marshals secret config. */
export function secret(value: unknown): SecretValue {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** Whether a decoded value is the engine's unknown sentinel. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** Serializes a dynamic provider exactly as `pulumi.dynamic.Resource` does for the `__provider` input. */
export async function serializeProvider(provider: pulumi.dynamic.ResourceProvider): Promise<string> {
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return serialized.text;
}

/** The URN the engine would give a dynamic resource of `type` named `name` in stack `test` of project `eyeson`. */
export function dynamicUrn(type: string, name: string): string {
  return `urn:pulumi:test::eyeson::${type}::${name}`;
}

/** Plain property bags as the provider sees them (`__provider` included on the raw host methods). */
export type Props = Record<string, unknown>;

/** Identifies the resource a raw call is about. */
export interface ResourceRef {
  urn: string;
  type: string;
  name: string;
}

/** The result of `check`. */
export interface CheckOutcome {
  inputs: Props;
  failures: Array<{ property: string; reason: string }>;
}

/** The result of `diff`. */
export interface DiffOutcome {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  stables: string[];
  deleteBeforeReplace: boolean;
}

/** The result of `create`. */
export interface CreateOutcome {
  id: string;
  properties: Props;
}

/** The result of `read`; an empty `id` means the resource is gone (the engine drops it from state). */
export interface ReadOutcome {
  id: string;
  properties: Props;
  inputs?: Props;
}

/** A create/update that failed after the resource existed (`ErrorResourceInitFailed`). */
export interface InitFailure {
  id: string;
  properties: Props;
  reasons: string[];
}

/** A failed host call: the provider's error message, the gRPC status code and an init failure if any. */
export class HostCallError extends Error {
  constructor(
    readonly method: string,
    message: string,
    readonly code: number,
    readonly initFailure?: InitFailure,
  ) {
    super(message);
    this.name = "HostCallError";
  }
}

/** Engine-shaped calls for one dynamic resource type: `__provider` is added to every bag and stripped from results. */
export interface DynamicResourceClient {
  readonly providerText: string;
  readonly ref: ResourceRef;
  check(olds: Props, news: Props): Promise<CheckOutcome>;
  diff(id: string, olds: Props, news: Props, oldInputs?: Props): Promise<DiffOutcome>;
  create(inputs: Props): Promise<CreateOutcome>;
  read(id: string, properties: Props, inputs?: Props): Promise<ReadOutcome>;
  update(id: string, olds: Props, news: Props, oldInputs?: Props): Promise<{ properties: Props }>;
  delete(id: string, properties: Props, oldInputs?: Props): Promise<void>;
}

/** A running dynamic-provider host (or provider plugin, see `HostOptions.command`) and a gRPC client to it. */
export interface DynamicProviderHost {
  readonly port: number;
  /** `GetPluginInfo`: the plugin's version. */
  version(): Promise<string>;
  /** `GetSchema`: the package schema (JSON text). */
  schema(): Promise<string>;
  /** `Invoke`: runs the function `token`. */
  invoke(
    token: string,
    args: Props,
  ): Promise<{ outputs: Props; failures: Array<{ property: string; reason: string }> }>;
  /**
   * Sends the stack config (namespaced keys, e.g. `eyeson:apiKey`; a plugin's own keys, e.g. `apiKey`); wrap
   * secret values with {@link secret}. Like the engine, later calls keep secrets when the answer accepts them.
   */
  configure(config: Record<string, unknown>): Promise<{ acceptSecrets: boolean; supportsPreview: boolean }>;
  check(ref: ResourceRef, olds: Props, news: Props): Promise<CheckOutcome>;
  diff(ref: ResourceRef, id: string, olds: Props, news: Props, oldInputs?: Props): Promise<DiffOutcome>;
  create(ref: ResourceRef, properties: Props): Promise<CreateOutcome>;
  read(ref: ResourceRef, id: string, properties: Props, inputs?: Props): Promise<ReadOutcome>;
  update(
    ref: ResourceRef,
    id: string,
    olds: Props,
    news: Props,
    oldInputs?: Props,
  ): Promise<{ properties: Props }>;
  delete(ref: ResourceRef, id: string, properties: Props, oldInputs?: Props): Promise<void>;
  /** A client for one resource whose provider is `providerText` (from {@link serializeProvider}). */
  resource(providerText: string, opts: { type: string; name?: string }): DynamicResourceClient;
  /** Everything the host wrote to stderr so far (the host logs provider errors there). */
  stderr(): string;
  /** Stops the process; bounded, idempotent. */
  close(): Promise<void>;
}

/** Options of {@link startDynamicProviderHost}. */
export interface HostOptions {
  /** The host's working directory: module resolution starts here. Defaults to the repository root. */
  cwd?: string;
  /** Extra environment; EYESON_API_KEY / EYESON_API_ENDPOINT are removed unless given here. */
  env?: NodeJS.ProcessEnv;
  /** Sent with `configure` right after start when given. */
  config?: Record<string, unknown>;
  /**
   * A provider plugin's command line (e.g. `[process.execPath, "dist/plugin/main.js"]`) to start instead of the
   * dynamic-provider host; it gets the engine's address as its last argument, as the engine starts plugins.
   */
  command?: readonly string[];
  startTimeoutMs?: number;
  callTimeoutMs?: number;
}

type HostProcess = ChildProcessByStdio<null, Readable, Readable>;

/** Starts `@pulumi/pulumi/cmd/dynamic-provider` as the engine does and connects to the port it prints. */
export async function startDynamicProviderHost(opts: HostOptions = {}): Promise<DynamicProviderHost> {
  const cwd = opts.cwd ?? REPO_ROOT;
  const startTimeoutMs = opts.startTimeoutMs ?? 15_000;
  const callTimeoutMs = opts.callTimeoutMs ?? 20_000;
  // Resolve the entry point from the working directory, like the `pulumi-resource-pulumi-nodejs` launcher.
  const entry = createRequire(path.join(cwd, "noop.js")).resolve("@pulumi/pulumi/cmd/dynamic-provider");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EYESON_API_KEY: undefined,
    EYESON_API_ENDPOINT: undefined,
  };
  Object.assign(env, opts.env);
  // The engine passes its own address as the only argument; the host requires one but never dials it.
  const [program, ...args] = opts.command ?? [process.execPath, entry];
  const child: HostProcess = spawn(program, [...args, "127.0.0.1:1"], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => (stderr += chunk));

  let client: providerGrpc.ResourceProviderClient | undefined;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) {
      return;
    }
    closed = true;
    client?.close();
    await stopProcess(child);
  };

  try {
    const port = await readPort(child, startTimeoutMs, () => stderr);
    const target = `127.0.0.1:${port}`;
    const c = new providerGrpc.ResourceProviderClient(target, grpc.credentials.createInsecure());
    client = c;
    await new Promise<void>((resolve, reject) =>
      c.waitForReady(Date.now() + startTimeoutMs, (err) => (err ? reject(err) : resolve())),
    );

    const call = <Req, Res>(
      method: string,
      fn: (
        req: Req,
        md: grpcTypes.Metadata,
        options: Partial<grpcTypes.CallOptions>,
        cb: (err: grpcTypes.ServiceError | null, res: Res) => void,
      ) => unknown,
      req: Req,
    ): Promise<Res> =>
      new Promise((resolve, reject) => {
        fn.call(c, req, new grpc.Metadata(), { deadline: Date.now() + callTimeoutMs }, (err, res) => {
          if (err) {
            reject(toHostCallError(method, err));
          } else {
            resolve(res);
          }
        });
      });

    // What the engine sends after `configure` says the provider accepts secrets: secrets stay marked.
    let keepSecrets = false;
    const toStruct = (props: Props, opts: { keepSecrets?: boolean } = {}): structTypes.Struct =>
      encode(props, { keepSecrets: opts.keepSecrets ?? keepSecrets });

    const host: DynamicProviderHost = {
      port,
      stderr: () => stderr,
      close,
      async version() {
        const res = await call<emptyTypes.Empty, { getVersion(): string }>(
          "getPluginInfo",
          c.getPluginInfo,
          new Empty(),
        );
        return res.getVersion();
      },
      async schema() {
        const req = new providerProto.GetSchemaRequest();
        const res = await call<providerProto.GetSchemaRequest, providerProto.GetSchemaResponse>(
          "getSchema",
          c.getSchema,
          req,
        );
        return res.getSchema();
      },
      async invoke(token, args) {
        const req = new providerProto.InvokeRequest();
        req.setTok(token);
        req.setArgs(toStruct(args));
        const res = await call<providerProto.InvokeRequest, providerProto.InvokeResponse>(
          "invoke",
          c.invoke,
          req,
        );
        return {
          outputs: fromStruct(res.getReturn()),
          failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
      },
      async configure(config) {
        const req = new providerProto.ConfigureRequest();
        req.setArgs(toStruct(config, { keepSecrets: true }));
        req.setAcceptsecrets(true);
        req.setAcceptresources(true);
        req.setSendsOldInputs(true);
        req.setSendsOldInputsToDelete(true);
        req.setType("pulumi:providers:pulumi-nodejs");
        const res = await call<providerProto.ConfigureRequest, providerProto.ConfigureResponse>(
          "configure",
          c.configure,
          req,
        );
        keepSecrets = res.getAcceptsecrets();
        return { acceptSecrets: res.getAcceptsecrets(), supportsPreview: res.getSupportspreview() };
      },
      async check(ref, olds, news) {
        const req = new providerProto.CheckRequest();
        setRef(req, ref);
        req.setOlds(toStruct(olds));
        req.setNews(toStruct(news));
        req.setRandomseed(new Uint8Array(32));
        const res = await call<providerProto.CheckRequest, providerProto.CheckResponse>(
          "check",
          c.check,
          req,
        );
        return {
          inputs: fromStruct(res.getInputs()),
          failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
      },
      async diff(ref, id, olds, news, oldInputs) {
        const req = new providerProto.DiffRequest();
        setRef(req, ref);
        req.setId(id);
        req.setOlds(toStruct(olds));
        req.setNews(toStruct(news));
        req.setOldInputs(toStruct(oldInputs ?? olds));
        const res = await call<providerProto.DiffRequest, providerProto.DiffResponse>("diff", c.diff, req);
        const changes = res.getChanges();
        const Changes = providerProto.DiffResponse.DiffChanges;
        return {
          changes:
            changes === Changes.DIFF_SOME ? "some" : changes === Changes.DIFF_NONE ? "none" : "unknown",
          replaces: res.getReplacesList(),
          stables: res.getStablesList(),
          deleteBeforeReplace: res.getDeletebeforereplace(),
        };
      },
      async create(ref, properties) {
        const req = new providerProto.CreateRequest();
        setRef(req, ref);
        req.setProperties(toStruct(properties));
        req.setTimeout(callTimeoutMs / 1000);
        const res = await call<providerProto.CreateRequest, providerProto.CreateResponse>(
          "create",
          c.create,
          req,
        );
        return { id: res.getId(), properties: fromStruct(res.getProperties()) };
      },
      async read(ref, id, properties, inputs) {
        const req = new providerProto.ReadRequest();
        setRef(req, ref);
        req.setId(id);
        req.setProperties(toStruct(properties));
        if (inputs) {
          req.setInputs(toStruct(inputs));
        }
        const res = await call<providerProto.ReadRequest, providerProto.ReadResponse>("read", c.read, req);
        const outInputs = res.getInputs();
        return {
          id: res.getId(),
          properties: fromStruct(res.getProperties()),
          ...(outInputs ? { inputs: fromStruct(outInputs) } : {}),
        };
      },
      async update(ref, id, olds, news, oldInputs) {
        const req = new providerProto.UpdateRequest();
        setRef(req, ref);
        req.setId(id);
        req.setOlds(toStruct(olds));
        req.setNews(toStruct(news));
        req.setOldInputs(toStruct(oldInputs ?? olds));
        req.setTimeout(callTimeoutMs / 1000);
        const res = await call<providerProto.UpdateRequest, providerProto.UpdateResponse>(
          "update",
          c.update,
          req,
        );
        return { properties: fromStruct(res.getProperties()) };
      },
      async delete(ref, id, properties, oldInputs) {
        const req = new providerProto.DeleteRequest();
        setRef(req, ref);
        req.setId(id);
        req.setProperties(toStruct(properties));
        req.setOldInputs(toStruct(oldInputs ?? properties));
        req.setTimeout(callTimeoutMs / 1000);
        await call<providerProto.DeleteRequest, unknown>("delete", c.delete, req);
      },
      resource(providerText, { type, name = "test" }) {
        const ref: ResourceRef = { urn: dynamicUrn(type, name), type, name };
        const withProvider = (props: Props): Props => ({ ...props, [PROVIDER_KEY]: providerText });
        return {
          providerText,
          ref,
          async check(olds, news) {
            const olderProvider = Object.keys(olds).length === 0 ? {} : withProvider(olds);
            const r = await host.check(ref, olderProvider, withProvider(news));
            return { ...r, inputs: withoutProvider(r.inputs) };
          },
          diff: (id, olds, news, oldInputs) =>
            host.diff(ref, id, withProvider(olds), withProvider(news), oldInputs && withProvider(oldInputs)),
          async create(inputs) {
            const r = await host.create(ref, withProvider(inputs));
            return { ...r, properties: withoutProvider(r.properties) };
          },
          async read(id, properties, inputs) {
            const r = await host.read(ref, id, withProvider(properties), inputs && withProvider(inputs));
            return {
              ...r,
              properties: withoutProvider(r.properties),
              ...(r.inputs ? { inputs: withoutProvider(r.inputs) } : {}),
            };
          },
          async update(id, olds, news, oldInputs) {
            const r = await host.update(
              ref,
              id,
              withProvider(olds),
              withProvider(news),
              oldInputs && withProvider(oldInputs),
            );
            return { properties: withoutProvider(r.properties) };
          },
          delete: (id, properties, oldInputs) =>
            host.delete(ref, id, withProvider(properties), oldInputs && withProvider(oldInputs)),
        };
      },
    };
    if (opts.config) {
      await host.configure(opts.config);
    }
    return host;
  } catch (err) {
    await close();
    throw err;
  }
}

function setRef(
  req: { setUrn(v: string): unknown; setType(v: string): unknown; setName(v: string): unknown },
  ref: ResourceRef,
): void {
  req.setUrn(ref.urn);
  req.setType(ref.type);
  req.setName(ref.name);
}

function withoutProvider(props: Props): Props {
  const { [PROVIDER_KEY]: _ignored, ...rest } = props;
  return rest;
}

/** Encodes a bag as the engine does: drops undefined, and strips secrets unless the receiver accepts them. */
function encode(props: Props, opts: { keepSecrets: boolean }): structTypes.Struct {
  return Struct.fromJavaScript(
    normalize(props, opts.keepSecrets) as Record<string, structTypes.JavaScriptValue>,
  );
}

function normalize(value: unknown, keepSecrets: boolean): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => (v === undefined ? null : normalize(v, keepSecrets)));
  }
  if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (obj[SIG_KEY] === SECRET_SIG && !keepSecrets) {
      // The dynamic provider answers configure with acceptSecrets=false, so the engine sends plain values.
      return normalize(obj.value, keepSecrets);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      if (v !== undefined) {
        out[k] = normalize(v, keepSecrets);
      }
    }
    return out;
  }
  return value;
}

function fromStruct(struct: structTypes.Struct | undefined): Props {
  return (struct?.toJavaScript() ?? {}) as Props;
}

function toHostCallError(method: string, err: grpcTypes.ServiceError): HostCallError {
  let initFailure: InitFailure | undefined;
  const [details] = err.metadata?.get("grpc-status-details-bin") ?? [];
  if (details instanceof Buffer) {
    for (const any of statusProto.Status.deserializeBinary(details).getDetailsList()) {
      if (any.getTypeName() === "pulumirpc.ErrorResourceInitFailed") {
        const f = providerProto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
        initFailure = {
          id: f.getId(),
          properties: withoutProvider(fromStruct(f.getProperties())),
          reasons: f.getReasonsList(),
        };
      }
    }
  }
  return new HostCallError(method, err.details || err.message, err.code, initFailure);
}

function readPort(child: HostProcess, timeoutMs: number, stderr: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(
      () => fail(new Error(`dynamic-provider host printed no port within ${timeoutMs} ms: ${stderr()}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      out += chunk.toString("utf8");
      const newline = out.indexOf("\n");
      if (newline >= 0) {
        const port = Number(out.slice(0, newline).trim());
        if (Number.isInteger(port) && port > 0) {
          done();
          resolve(port);
        } else {
          fail(
            new Error(`dynamic-provider host printed ${JSON.stringify(out.slice(0, newline))}, not a port`),
          );
        }
      }
    };
    const onExit = (code: number | null): void =>
      fail(new Error(`dynamic-provider host exited (${code}) before printing its port: ${stderr()}`));
    const done = (): void => {
      clearTimeout(timer);
      child.stdout.off("data", onData);
      child.off("exit", onExit);
      // Keep draining stdout so the host never blocks on a full pipe.
      child.stdout.resume();
    };
    const fail = (err: Error): void => {
      done();
      reject(err);
    };
    child.stdout.on("data", onData);
    child.on("exit", onExit);
  });
}

async function stopProcess(child: HostProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
