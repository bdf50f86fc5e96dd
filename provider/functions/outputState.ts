/**
 * The two things the functions need to know about an Output that @pulumi/pulumi's public API cannot tell:
 * whether it is known, and when it has settled even if it is unknown. Both are members of the SDK's Output
 * class that its published types leave out (`isKnown`, `promise(withUnknowns)`); they have been stable across
 * 3.x and the engine relies on them itself.
 *
 * The public API covers the rest: `apply` runs only for known values (so it cannot report "unknown", and an
 * `apply` never settles during a preview of an unknown value), `pulumi.all` combines, `isSecret` and
 * `unsecret` handle secrets, `pulumi.runtime.isDryRun` says preview. So the members are read here and only
 * here, checked at run time so an SDK without them fails with a sentence instead of a TypeError, and
 * A spec of the repository pins their behaviour: an SDK upgrade that changes them fails that spec.
 */
import type * as pulumi from "@pulumi/pulumi";
import { EyesonError } from "../errors";

/** The members of an Output that the SDK keeps off its public type. */
interface OutputInternals<T> {
  readonly isKnown: Promise<boolean>;
  promise(withUnknowns?: boolean): Promise<T>;
}

function internals<T>(output: pulumi.OutputInstance<T>): OutputInternals<T> {
  const candidate = output as unknown as Partial<OutputInternals<T>>;
  if (!(candidate.isKnown instanceof Promise) || typeof candidate.promise !== "function") {
    throw new EyesonError(
      "pulumi-eyeson reads whether an Output is known through @pulumi/pulumi's Output.isKnown and Output.promise(), " +
        "and this version of @pulumi/pulumi has neither; use @pulumi/pulumi 3.x (^3.181) or report this",
    );
  }
  return candidate as OutputInternals<T>;
}

/** Resolves `true` once `output` is known, `false` when it is unknown (only during a preview). */
export function isKnown(output: pulumi.OutputInstance<unknown>): Promise<boolean> {
  return internals(output).isKnown;
}

/** Resolves once `output` has settled, known or not (an `apply` never runs for an unknown value). */
export function settled(output: pulumi.OutputInstance<unknown>): Promise<unknown> {
  return internals(output).promise(true);
}

/** The value of a known `output`, without the secret mark it may carry (`undefined` when unknown). */
export function valueOf<T>(output: pulumi.OutputInstance<T>): Promise<T> {
  return internals(output).promise();
}
