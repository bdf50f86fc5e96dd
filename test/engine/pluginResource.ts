import * as pulumi from "@pulumi/pulumi";

/**
 * A resource of the eyeson plugin, declared by its type token (`eyeson:index:Permalink`, …): what an SDK
 * generated from schema.json declares, for inline programs that use the plugin without one.
 */
export class PluginResource extends pulumi.CustomResource {
  constructor(type: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    super(type, name, props, opts);
  }
}
