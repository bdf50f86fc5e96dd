/**
 * What the engine's calls carry besides the inputs, on their way to a resource implementation: the resource's
 * URN, so a message can name the exact `pulumi state …` command, and the host's echo of an error, which the
 * engine reports anyway.
 *
 * The dynamic-provider host hands `read` and `delete` only the id and the stored outputs, never the URN. So
 * each resource's constructor declares its URN as the engine-internal input `__urn` (keys starting with `__`
 * are hidden from every diff the CLI shows), which `hostCalls` takes off before the implementation sees the
 * inputs and puts back into its outputs; the implementation reads it as `currentUrn()`. States written by the
 * builds after 0.1.0 that kept a `Permalink`'s or `PermalinkHost`'s URN as the visible `resourceUrn` are read the
 * same way, and the key is kept where it was, so those states plan no change. The plugin gets the URN from the
 * engine itself and calls `withUrn`.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type * as pulumi from "@pulumi/pulumi";
import { EyesonAuthError, EyesonError } from "../errors";

/** The engine-internal input and output that holds a dynamic resource's URN. */
export const URN_KEY = "__urn";

/** Where states of the builds after 0.1.0 keep a `Permalink`'s or `PermalinkHost`'s URN (an input and output). */
const LEGACY_URN_KEY = "resourceUrn";

/** The implementation surface (every method of a dynamic provider). */
type ProviderImpl = Required<pulumi.dynamic.ResourceProvider>;

const resourceUrn = new AsyncLocalStorage<string | undefined>();

/** The URN of the resource the current engine call is about, when the call carried one. */
export function currentUrn(): string | undefined {
  return resourceUrn.getStore();
}

/** Runs `fn` as a call about the resource `urn` (see `currentUrn`). */
export function withUrn<T>(urn: string | undefined, fn: () => Promise<T>): Promise<T> {
  return resourceUrn.run(urn, fn);
}

/**
 * `impl` as the dynamic-provider host calls it: the URN taken off and put back, the host's echo quietened.
 * The result inherits from `impl`, so it still is the implementation (`instanceof`) apart from these methods.
 */
export function hostCalls(impl: ProviderImpl): ProviderImpl {
  const methods: ProviderImpl = {
    configure: (req) => impl.configure(req),
    async check(olds, news) {
      const [urn, given] = split(news);
      const result = await engineCall(urn, () => impl.check(split(olds)[1], given));
      return { ...result, inputs: withKey(result.inputs ?? given, news) };
    },
    diff: (id, olds, news) => engineCall(split(news)[0], () => impl.diff(id, split(olds)[1], split(news)[1])),
    async create(inputs) {
      const [urn, given] = split(inputs);
      const result = await withUrn(urn, () => impl.create(given));
      return { ...result, outs: withKey(result.outs ?? {}, inputs) };
    },
    async read(id, props) {
      const [urn, state] = split(props);
      const result = await refreshCall(urn, () => impl.read(id, state));
      return {
        ...result,
        ...(result.props === undefined ? {} : { props: withKey(result.props, props) }),
        ...(result.inputs === undefined ? {} : { inputs: withKey(result.inputs, props) }),
      };
    },
    async update(id, olds, news) {
      const [urn, given] = split(news);
      const result = await withUrn(urn, () => impl.update(id, split(olds)[1], given));
      return { ...result, outs: withKey(result.outs ?? {}, news) };
    },
    delete: (id, props) => refreshCall(split(props)[0], () => impl.delete(id, split(props)[1])),
  };
  return Object.assign(Object.create(impl) as ProviderImpl, methods);
}

/**
 * A read or delete (a refresh or destroy) about `urn`, as `engineCall`; a refused key adds that the stack
 * config may already hold the right one, since a plain `pulumi refresh` or `destroy` configures the provider
 * as the last `up` did.
 */
export function refreshCall<T>(urn: string | undefined, fn: () => Promise<T>): Promise<T> {
  return engineCall(urn, () => withConfigHint(fn));
}

async function withConfigHint<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (EyesonAuthError.isInstance(err)) {
      err.message +=
        ". A plain `pulumi refresh` or `pulumi destroy` uses the eyeson:apiKey and eyeson:endpoint of the " +
        "stack's last `up`; with `--run-program` it uses the current ones.";
    }
    throw err;
  }
}

/** The URN a bag of inputs or outputs carries (`__urn`, or an old state's `resourceUrn`), and the bag without it. */
function split(bag: unknown): [string | undefined, Record<string, unknown>] {
  if (typeof bag !== "object" || bag === null) return [undefined, {}];
  const { [URN_KEY]: hidden, [LEGACY_URN_KEY]: legacy, ...rest } = bag as Record<string, unknown>;
  return [[hidden, legacy].find(isUrn), rest];
}

function isUrn(value: unknown): value is string {
  return typeof value === "string" && value.startsWith("urn:");
}

/** `bag` with the URN again under the key (or keys) `from`, what the engine sent, carried it. */
function withKey<T extends object>(bag: T, from: unknown): T {
  if (typeof from !== "object" || from === null) return bag;
  const sent = from as Record<string, unknown>;
  const kept = [URN_KEY, LEGACY_URN_KEY].filter((key) => isUrn(sent[key]));
  return kept.length === 0 ? bag : { ...bag, ...Object.fromEntries(kept.map((key) => [key, sent[key]])) };
}

/**
 * Runs a call about `urn` whose failure the host prints as `${err}: ${err.stack}` before the engine reports it
 * on the resource (check, diff, read, delete and invoke, in @pulumi/pulumi's dynamic-provider host and provider
 * server alike): for our own errors, whose message is the whole story, that line only repeats the sentence (or
 * adds a trace through this package), so it is dropped. Any other error (a bug) keeps its trace.
 */
export async function engineCall<T>(urn: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await withUrn(urn, fn);
  } catch (err) {
    if (EyesonError.isInstance(err)) dropEcho(`${String(err)}: ${err.stack}`);
    throw err;
  }
}

const echoes = new Set<string>();
let filtering = false;

function dropEcho(line: string): void {
  echoes.add(line);
  if (filtering) return;
  filtering = true;
  const print = console.error.bind(console);
  console.error = (...args: unknown[]): void => {
    if (args.length === 1 && typeof args[0] === "string" && echoes.delete(args[0])) return;
    print(...args);
  };
}
