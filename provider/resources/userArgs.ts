/**
 * The public names of the host (`user`) argument of the resources; both are the generated `UserInputArgs`, the
 * schema's `UserInput` as a program writes it (each field may be an Output).
 */
import type { UserInputArgs } from "./declaredTypes";

/** The first host of a permalink as program inputs. */
export type PermalinkUserArgs = UserInputArgs;

/** A host as program inputs. */
export type PermalinkHostUserArgs = UserInputArgs;
