/**
 * TEMPORARY (issue 19, until the owners' generators land): the parts of the committed schema.json that the
 * function and option declarations will generate, read from the file as it is. scripts/schema/functions.ts and
 * scripts/schema/options.ts return these until they derive their parts; the lead takes the owners' versions.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** A schema part: token → spec. */
export type SchemaPart = Record<string, unknown>;

const committed = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "schema.json"), "utf8")) as {
  functions: SchemaPart;
  types: SchemaPart;
};

/** The committed schema's `functions`. */
export function committedFunctions(): SchemaPart {
  return committed.functions;
}

/** The committed schema's entries of `types` named by `tokens`, in that order. */
export function committedTypes(tokens: readonly string[]): SchemaPart {
  return Object.fromEntries(tokens.map((token) => [token, committed.types[token]]));
}
