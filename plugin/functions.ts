/**
 * The plugin's functions: the read-only eyeson functions, each served under `eyeson:index:<name>` by calling
 * its Promise form with the plugin's configuration. The engine runs invokes during preview too, so the
 * functions that change a meeting or the account stay program-side (TypeScript) functions only.
 */
import type { EyesonInvokeOptions } from "../provider";
import { READ_ONLY } from "../provider/functions/catalog";

/** A function's Promise form, as the plugin calls it (its arguments are checked by the function itself). */
export type ReadOnlyFunction = (args: never, opts?: EyesonInvokeOptions) => Promise<unknown>;

/** The read-only functions (declared `sideEffect: false`) by name; each is `eyeson:index:<name>`. */
export const READ_ONLY_FUNCTIONS: Readonly<Record<string, ReadOnlyFunction>> = Object.fromEntries(
  READ_ONLY.map((fn) => [fn.spec.name, fn.invoke]),
);

/** The function token of a read-only function's name. */
export function functionToken(name: string): string {
  return `eyeson:index:${name}`;
}
