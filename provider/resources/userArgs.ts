/**
 * The host (`user`) argument of the resources as a program writes it: each field may be an Output. The
 * schema's `UserInput` (the `declarations` module) describes the same fields for the other languages.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The first host of a permalink as program inputs. */
export interface PermalinkUserArgs {
  /** Display name (required). */
  readonly name: pulumi.Input<string>;
  /** Your own user id; the API picks one when absent. */
  readonly id?: pulumi.Input<string>;
  /** Avatar image URL. */
  readonly avatar?: pulumi.Input<string>;
}

/** A host as program inputs. */
export interface PermalinkHostUserArgs {
  /** Display name (required). */
  readonly name: pulumi.Input<string>;
  /** Your own user id; one is generated (and kept) when absent. */
  readonly id?: pulumi.Input<string>;
  /** Avatar image URL. */
  readonly avatar?: pulumi.Input<string>;
}
