/**
 * The provider object each resource hands to `pulumi.dynamic.Resource`, and the loader it calls.
 *
 * Pulumi serializes that object into the state (twice per resource) and runs the text in the provider host.
 * So it captures nothing but a kind string: every method `require`s the implementation from the installed
 * package when it runs. That keeps the state small, lets an upgrade of pulumi-eyeson fix `read`/`delete` for
 * resources created by older versions, and keeps clients, agents and secrets out of the closure.
 *
 * Every state ever written calls `require("pulumi-eyeson/provider/resources/shim").load(kind, this)`: that
 * path, `load`'s signature and the kind names are a contract with existing stacks and must never change.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The resource implementations the shim can load. */
export type ResourceKind = "permalink" | "permalinkHost" | "webhook";

/** The implementation surface the shim forwards to (every method of a dynamic provider). */
export type ProviderImpl = Required<pulumi.dynamic.ResourceProvider>;

/** A resource implementation; one that replaces on every change has no `update`. */
type ResourceImpl = Omit<ProviderImpl, "update"> & Partial<Pick<ProviderImpl, "update">>;

/**
 * Returns the thin provider for `kind`; see the module comment for why it is this small. The path is written
 * out in each method: a module-level constant would be captured and serialized with every resource.
 */
export function shim(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  return {
    configure(req): Promise<void> {
      return require("pulumi-eyeson/provider/resources/shim").load(kind, this).configure(req);
    },
    check(olds, news): Promise<pulumi.dynamic.CheckResult> {
      return require("pulumi-eyeson/provider/resources/shim").load(kind, this).check(olds, news);
    },
    diff(id, olds, news): Promise<pulumi.dynamic.DiffResult> {
      return require("pulumi-eyeson/provider/resources/shim").load(kind, this).diff(id, olds, news);
    },
    create(inputs): Promise<pulumi.dynamic.CreateResult> {
      return require("pulumi-eyeson/provider/resources/shim").load(kind, this).create(inputs);
    },
    read(id, props): Promise<pulumi.dynamic.ReadResult> {
      return require("pulumi-eyeson/provider/resources/shim").load(kind, this).read(id, props);
    },
    update(id, olds, news): Promise<pulumi.dynamic.UpdateResult> {
      return require("pulumi-eyeson/provider/resources/shim").load(kind, this).update(id, olds, news);
    },
    delete(id, props): Promise<void> {
      return require("pulumi-eyeson/provider/resources/shim").load(kind, this).delete(id, props);
    },
  };
}

const IMPL = Symbol.for("pulumi-eyeson:provider-impl");

/**
 * Returns the implementation of `kind` bound to `host` (the deserialized shim object), creating it on first
 * use. The instance lives on the host, not at module level, so the configuration it keeps (the stack's
 * `eyeson:*` values) belongs to that provider instance only.
 */
export function load(kind: ResourceKind, host: object): ProviderImpl {
  const cached = (host as { [IMPL]?: { kind: ResourceKind; impl: ProviderImpl } })[IMPL];
  if (cached?.kind === kind) return cached.impl;
  const impl = create(kind);
  Object.defineProperty(host, IMPL, { value: { kind, impl }, enumerable: false, configurable: true });
  return impl;
}

function create(kind: ResourceKind): ProviderImpl {
  const impl = implementation(kind);
  if (impl.update) return impl as ProviderImpl;
  // The shim in every state forwards `update`, so one must exist; the engine never calls it for a resource
  // whose diff replaces on every change, and if it ever did, failing beats reporting a change not made.
  return Object.assign(impl, {
    update(): Promise<pulumi.dynamic.UpdateResult> {
      return Promise.reject(
        new Error(
          `pulumi-eyeson: ${kind} cannot change in place; every change replaces it (please report this)`,
        ),
      );
    },
  });
}

function implementation(kind: ResourceKind): ResourceImpl {
  // Required lazily: the implementations import this module for `shim`, and a program that only declares
  // resources never needs them loaded here.
  switch (kind) {
    case "permalink":
      return new (require("./permalink") as typeof import("./permalink")).PermalinkProvider();
    case "permalinkHost":
      return new (require("./permalinkHost") as typeof import("./permalinkHost")).PermalinkHostProvider();
    case "webhook":
      return new (require("./webhook") as typeof import("./webhook")).WebhookProvider();
    default:
      throw new Error(
        `pulumi-eyeson: unknown resource kind ${JSON.stringify(kind)}; is pulumi-eyeson up to date?`,
      );
  }
}
