/** What an output format of `pulumi-eyeson adopt` is; each format module implements it. */
import type { Adoption } from "../../provider/adoption";

/** One output format: a name for `--format`, a line for `--help`, and the renderer. */
export interface AdoptFormat {
  /** The value of `--format`. */
  readonly name: string;
  /** One line for the usage text. */
  readonly description: string;
  /** The complete output, ending with a newline; never contains a key or a token. */
  render(adoption: Adoption): string;
  /** The command that takes the output over, once the stack is configured (e.g. `pulumi up`). */
  readonly nextCommand: string;
  /** What happens to the `count` declarations with problems, for the summary (e.g. "see the comments"). */
  refused(count: number): string;
}
