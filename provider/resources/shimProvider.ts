/**
 * The provider object each resource hands to `pulumi.dynamic.Resource`: one object per resource kind.
 *
 * Imported by the resource classes; it reaches the `shim` module only in the serialized method, by the
 * package's name, and `shim` loads only the provider implementations (the `…Provider` modules), which import no class,
 * so that `require` closes no import circle.
 *
 * Pulumi serializes the provider into the state of every resource (inputs and outputs) and runs the text in the
 * dynamic-provider host; the program process caches the text by object identity (`serializeProvider` in
 * @pulumi/pulumi's `dynamic` module), so one object per kind is serialized once per program instead of once per
 * resource. The object captures nothing but its kind and has one method, `configure`: the host calls it first on
 * every provider it deserializes, before any other method (`getProvider` in sdk/nodejs/cmd/dynamic-provider,
 * since @pulumi/pulumi 3.139), and `load` then gives the object the other six methods. Each serialized method
 * costs about 300 bytes of the serializer's wrapper, so the text is about 0.6 KB instead of 2.7 KB (seven
 * methods), stored twice per resource, and every call still goes through the one contract in the `shim` module.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "./shim";

export type { ResourceKind } from "./shim";

/** What `require("pulumi-eyeson/provider/resources/shim")` provides to the serialized method. */
type ShimModule = typeof import("./shim");

const shims: { [K in ResourceKind]?: pulumi.dynamic.ResourceProvider } = {};

/** Returns the provider object of `kind`, the same object every time; see the module comment for its shape. */
export function shim(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  return (shims[kind] ??= thinProvider(kind));
}

function thinProvider(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  const provider = {
    // The package path is written out: a module-level constant would be captured and serialized with it.
    configure(this: object, req: pulumi.dynamic.ConfigureRequest): Promise<void> {
      return (require("pulumi-eyeson/provider/resources/shim") as ShimModule).load(kind, this).configure(req);
    },
  };
  // The type wants `create`; the host has it from `load` before it can call it (see the module comment).
  return provider as pulumi.dynamic.ResourceProvider;
}
