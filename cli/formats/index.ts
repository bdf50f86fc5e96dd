/**
 * The output formats of `pulumi-eyeson adopt`. Each renders the same `Adoption`; adding a format (for
 * example a `pulumi import --file` JSON document) is one module and one entry in `ADOPT_FORMATS`.
 */
import type { AdoptFormat } from "./format";
import { importFileFormat } from "./importFile";
import { typescriptFormat } from "./typescript";

export type { AdoptFormat } from "./format";

/** Every format, the default first. */
export const ADOPT_FORMATS: readonly AdoptFormat[] = [typescriptFormat, importFileFormat];

/** The format named `name`, or undefined. */
export function findFormat(name: string): AdoptFormat | undefined {
  return ADOPT_FORMATS.find((format) => format.name === name);
}
