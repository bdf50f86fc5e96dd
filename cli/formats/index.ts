/**
 * The output formats of `pulumi-eyeson adopt`. Each renders the same `Adoption`; adding a format (for
 * example a `pulumi import --file` JSON document) is one module and one entry in `ADOPT_FORMATS`.
 */
import type { Adoption } from "../adoption";
import { importFileFormat } from "./importFile";
import { typescriptFormat } from "./typescript";

/** One output format: a name for `--format`, a line for `--help`, and the renderer. */
export interface AdoptFormat {
  /** The value of `--format`. */
  readonly name: string;
  /** One line for the usage text. */
  readonly description: string;
  /** The complete output, ending with a newline; never contains a key or a token. */
  render(adoption: Adoption): string;
}

/** Every format, the default first. */
export const ADOPT_FORMATS: readonly AdoptFormat[] = [typescriptFormat, importFileFormat];

/** The format named `name`, or undefined. */
export function findFormat(name: string): AdoptFormat | undefined {
  return ADOPT_FORMATS.find((format) => format.name === name);
}
