/**
 * The eyeson resource plugin's provider: the `pulumi.provider.Provider` that `pulumi.provider.main` serves.
 *
 * Every resource operation goes to the provider class of the dynamic resource with the same name, so the plugin
 * and the dynamic resources share one implementation. What the plugin adds is the wire: secrets are unwrapped
 * on the way in and marked on the way out (the server reports that the plugin accepts secrets, so the engine
 * stores only what comes back marked as encrypted), a dynamic resource's state migrated to the plugin drops
 * its serialized provider, and an import reads an object known only by its id.
 */
import * as pulumi from "@pulumi/pulumi";
import { containsSensitive } from "../provider/functions/invoke";
import { engineCall, refreshCall, withUrn as runWithUrn } from "../provider/resources/hostCalls";
import type { WarningSink } from "../provider/resources/engineLog";
import { CONFIG_PROPERTIES, type PluginConfig } from "./configure";
import { functionToken, READ_ONLY_FUNCTIONS, type ReadOnlyFunction } from "./functions";
import { pluginResources, type PluginResource } from "./resources";
import { conceal, isBag, plain, reveal, secretKeys, type Bag } from "./wire";

/** Keys the engine never shows (a dynamic resource's `__provider` and `__urn`); meaningless to the plugin. */
const INTERNAL_KEY_PREFIX = "__";

/** What the plugin is built from: its version and schema (both from the package). */
export interface EyesonProviderOptions {
  /** The package version, reported to the engine (semver). */
  readonly version: string;
  /** The package schema, JSON. */
  readonly schema: string;
  /** Where the resources' warnings go: the engine that started the plugin (the `main` module); stderr by default. */
  readonly warn?: WarningSink;
}

/** Serves the eyeson resources and read-only functions to the engine. */
export class EyesonProvider implements pulumi.provider.Provider {
  /** The plugin's version (the package's). */
  readonly version: string;
  /** The package schema (`schema.json`). */
  readonly schema: string;
  private readonly resources: ReadonlyMap<string, PluginResource>;
  private readonly functions = new Map<string, ReadOnlyFunction>(
    Object.entries(READ_ONLY_FUNCTIONS).map(([name, fn]) => [functionToken(name), fn]),
  );
  private config: PluginConfig = {};

  constructor(options: EyesonProviderOptions) {
    this.version = options.version;
    this.schema = options.schema;
    this.resources = pluginResources({ warn: options.warn });
    this.configure({});
  }

  /** Takes the configuration of the engine's `Configure` (see the `configure` module) for every later operation. */
  configure(config: PluginConfig): void {
    this.config = { ...config };
    const stackConfig: pulumi.dynamic.Config = {
      get: (key) => configValue(this.config, key),
      require: (key) => {
        const value = configValue(this.config, key);
        if (value === undefined) throw new Error(`Missing required configuration key: ${key}`);
        return value;
      },
    };
    for (const resource of this.resources.values()) {
      // ProviderBase.configure only keeps the config (it reads the key when an operation runs): no await needed,
      // but a rejection must not go unhandled.
      void resource.implementation.configure({ config: stackConfig }).catch(() => undefined);
    }
  }

  /** Validates and normalises a resource's inputs, adding those its dynamic twin's constructor would set. */
  async check(urn: string, olds: Bag, news: Bag): Promise<pulumi.provider.CheckResult> {
    const resource = this.resourceOf(urn);
    const secrets = secretKeys(news);
    const given = reveal(news) as Bag;
    const checked = await engineCall(urn, () =>
      resource.implementation.check(stateOf(olds), { ...resource.derivedInputs(urn, given), ...given }),
    );
    return {
      inputs: conceal(plain(checked.inputs ?? given), secrets),
      failures: checked.failures ?? [],
    };
  }

  /** Compares the state with the checked inputs. */
  async diff(id: string, urn: string, olds: Bag, news: Bag): Promise<pulumi.provider.DiffResult> {
    const resource = this.resourceOf(urn);
    return engineCall(urn, () => resource.implementation.diff(id, stateOf(olds), reveal(news)));
  }

  /** Creates the object; its tokens and links come back secret. */
  async create(urn: string, inputs: Bag): Promise<pulumi.provider.CreateResult> {
    const resource = this.resourceOf(urn);
    const secrets = [...resource.secretOutputs, ...secretKeys(inputs)];
    try {
      const created = await runWithUrn(urn, () => resource.implementation.create(reveal(inputs)));
      return { id: created.id, outs: conceal(plain(created.outs ?? {}), secrets) };
    } catch (err) {
      throw concealInitFailure(err, secrets);
    }
  }

  /**
   * Refreshes the object; with nothing but its id (an import), reads it whole and returns the inputs that
   * declare it. An empty id tells the engine the object is gone.
   */
  async read(id: string, urn: string, props?: Bag): Promise<pulumi.provider.ReadResult> {
    const resource = this.resourceOf(urn);
    const state = stateOf(props);
    const imported = Object.keys(state).length === 0;
    const secrets = [...resource.secretOutputs, ...secretKeys(props)];
    const result = imported
      ? await resource.importState(id, this.config)
      : await refreshCall(urn, () => resource.implementation.read(id, state));
    if (result === undefined || !result.id) return { id: "", props: {} };
    return {
      id: result.id,
      props: conceal(plain(withLegacyUrn(result.props ?? {}, state)), secrets),
      ...(result.inputs === undefined
        ? {}
        : { inputs: conceal(plain(withLegacyUrn(result.inputs, state)), secretKeys(props)) }),
    };
  }

  /** Updates the object in place; its tokens and links stay secret. */
  async update(id: string, urn: string, olds: Bag, news: Bag): Promise<pulumi.provider.UpdateResult> {
    const resource = this.resourceOf(urn);
    const update = resource.implementation.update;
    if (update === undefined) throw new Error(`pulumi-eyeson: ${resource.token} cannot change in place`);
    const secrets = [...resource.secretOutputs, ...secretKeys(news)];
    try {
      const updated = await runWithUrn(urn, () =>
        update.call(resource.implementation, id, stateOf(olds), reveal(news)),
      );
      return { outs: conceal(plain(updated.outs ?? {}), secrets) };
    } catch (err) {
      throw concealInitFailure(err, secrets);
    }
  }

  /** Deletes the object. */
  async delete(id: string, urn: string, props: Bag): Promise<void> {
    const resource = this.resourceOf(urn);
    await refreshCall(urn, () => resource.implementation.delete(id, stateOf(props)));
  }

  /**
   * Runs a read-only function with the plugin's credentials. Each top-level result property that holds a token
   * or a join link is secret, and every property is when an argument was.
   */
  async invoke(token: string, inputs: Bag): Promise<pulumi.provider.InvokeResult> {
    const fn = this.functions.get(token);
    if (fn === undefined) {
      throw new Error(
        `pulumi-eyeson serves no function ${token}; the plugin serves the read-only functions ` +
          `(${[...this.functions.keys()].join(", ")}), the others run in TypeScript programs only`,
      );
    }
    const result = plain(await engineCall(undefined, () => fn(reveal(inputs ?? {}) as never, this.config)));
    const outputs: Bag = isBag(result) ? result : { value: result };
    const secretArgs = secretKeys(inputs).size > 0;
    const secrets = Object.keys(outputs).filter((key) => secretArgs || containsSensitive(outputs[key]));
    return { outputs: conceal(outputs, secrets) };
  }

  private resourceOf(urn: string): PluginResource {
    const type = typeOf(urn);
    const resource = this.resources.get(type);
    if (resource === undefined) {
      throw new Error(
        `pulumi-eyeson serves no resource type ${type}; it serves ${[...this.resources.keys()].join(", ")}`,
      );
    }
    return resource;
  }
}

/** The resource type of a URN (`urn:pulumi:<stack>::<project>::<parent types$type>::<name>`). */
export function typeOf(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.slice(qualified.lastIndexOf("$") + 1);
}

/**
 * A state or old inputs as the implementations read them: plain, without a dynamic resource's engine-internal
 * keys (its serialized provider and its URN, see the `hostCalls` module).
 */
function stateOf(bag: Bag | undefined): Bag {
  const plainBag = reveal(bag ?? {});
  if (!isBag(plainBag)) return {};
  return Object.fromEntries(Object.entries(plainBag).filter(([key]) => !key.startsWith(INTERNAL_KEY_PREFIX)));
}

/** `eyeson:<key>` as the providers ask for it (`ProviderBase` reads namespaced keys). */
function configValue(config: PluginConfig, key: string): string | undefined {
  const name = key.startsWith("eyeson:") ? key.slice("eyeson:".length) : undefined;
  return (CONFIG_PROPERTIES as readonly string[]).includes(name ?? "")
    ? config[name as keyof PluginConfig]
    : undefined;
}

/**
 * A refresh's `bag` with the `resourceUrn` an old state carries (the builds after 0.1.0 recorded a Permalink's
 * and a PermalinkHost's URN there), so refreshing a state they wrote changes nothing.
 */
function withLegacyUrn(bag: Bag, state: Bag): Bag {
  return state.resourceUrn === undefined ? bag : { ...bag, resourceUrn: state.resourceUrn };
}

/**
 * A create or update that failed after the object existed carries its id and outputs, which the server sends
 * to the engine as they are (`grpcResponseFromError`): its secrets are marked here first.
 */
function concealInitFailure(err: unknown, secrets: readonly string[]): unknown {
  if (!(err instanceof Error)) return err;
  const failure = err as Error & { id?: unknown; properties?: unknown };
  if (typeof failure.id !== "string" || !isBag(failure.properties)) return err;
  failure.properties = conceal(plain(failure.properties), secrets);
  return failure;
}
