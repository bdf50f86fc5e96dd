/**
 * The loader every serialized provider calls, at the path existing stacks find it.
 *
 * Every state ever written calls `require("pulumi-eyeson/provider/resources/shim").load(kind, this)`: that
 * path, `load`'s signature and the kind names are a contract with existing stacks and must never change.
 * States written by 0.1.0 carry seven methods that each make that call; later states carry only `configure`
 * (see the `shimProvider` module), and `load` adds the other six to the deserialized object. Because the
 * implementation is `require`d from the installed package when a method runs, an upgrade of pulumi-eyeson
 * fixes `read`/`delete` for resources created by older versions, and no client, agent or secret is ever part
 * of the state. A state written by a later version needs that version (or a newer one) installed.
 */
import type * as pulumi from "@pulumi/pulumi";
import { hostCalls } from "./hostCalls";

/**
 * The resource implementations the shim can load; the names are part of every state ever written. (This module
 * imports nothing that declares resources, so the serialized `require` of it never closes an import circle.)
 */
export type ResourceKind = "permalink" | "permalinkHost" | "webhook";

/** The implementation surface the shim forwards to (every method of a dynamic provider). */
export type ProviderImpl = Required<pulumi.dynamic.ResourceProvider>;

/** A resource implementation; one that replaces on every change has no `update`. */
type ResourceImpl = Omit<ProviderImpl, "update"> & Partial<Pick<ProviderImpl, "update">>;

/** The methods `load` adds to a deserialized provider that lacks them; `configure` is always serialized. */
const FORWARDED = ["check", "diff", "create", "read", "update", "delete"] as const;

/**
 * The implementation of each deserialized provider object, by that object. Module-private: every method of a
 * host object goes through the copy of this module that `load` installed it from (the serialized `configure`
 * requires the installed package, and the forwarders it adds call back into the same copy), so no brand shared
 * between copies is needed.
 */
const implementations = new WeakMap<object, { kind: ResourceKind; impl: ProviderImpl }>();

/**
 * Returns the implementation of `kind` bound to `host` (the deserialized provider object), creating it on first
 * use. The instance lives on the host, not at module level, so the configuration it keeps (the stack's
 * `eyeson:*` values) belongs to that provider instance only. A host without a method of its own gets one
 * that forwards to the implementation; the added methods are not enumerable, so they are never serialized.
 */
export function load(kind: ResourceKind, host: object): ProviderImpl {
  const cached = implementations.get(host);
  if (cached?.kind === kind) return cached.impl;
  const impl = create(kind);
  implementations.set(host, { kind, impl });
  for (const method of FORWARDED) {
    if (typeof (host as Partial<ProviderImpl>)[method] === "function") continue;
    Object.defineProperty(host, method, {
      value: forwarder(kind, method),
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }
  return impl;
}

function forwarder(kind: ResourceKind, method: (typeof FORWARDED)[number]) {
  return function (this: object, ...args: unknown[]): Promise<unknown> {
    const impl = load(kind, this);
    return (impl[method] as (...a: unknown[]) => Promise<unknown>).apply(impl, args);
  };
}

function create(kind: ResourceKind): ProviderImpl {
  return hostCalls(complete(kind, implementation(kind)));
}

function complete(kind: ResourceKind, impl: ResourceImpl): ProviderImpl {
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
  // Required lazily: a program that only declares resources never needs the implementations loaded here.
  // Warnings go to the engine that started this dynamic-provider host (see `engineLog.ts`); the three kinds
  // share the process's clients, one per account.
  const options = {
    warn: (require("./engineLog") as typeof import("./engineLog")).dynamicHostWarnings(),
    clients: (require("../accountClients") as typeof import("../accountClients")).sharedAccountClients,
  };
  switch (kind) {
    case "permalink":
      return new (require("./permalinkProvider") as typeof import("./permalinkProvider")).PermalinkProvider(
        options,
      );
    case "permalinkHost":
      return new (
        require("./permalinkHostProvider") as typeof import("./permalinkHostProvider")
      ).PermalinkHostProvider(options);
    case "webhook":
      return new (require("./webhookProvider") as typeof import("./webhookProvider")).WebhookProvider(
        options,
      );
    default:
      throw new Error(
        `pulumi-eyeson: unknown resource kind ${JSON.stringify(kind)}; is pulumi-eyeson up to date?`,
      );
  }
}
