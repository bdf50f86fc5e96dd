/**
 * `--format import-file`: the JSON document `pulumi import --file <file>` takes, naming each permalink and the
 * webhook by their id for the eyeson resource plugin (`eyeson:index:Permalink`, `eyeson:index:Webhook`; see the
 * README's "Use from any Pulumi language"). The engine reads each object through the plugin and writes the
 * declarations in the project's language, so the file carries no settings. Every permalink is listed, those
 * the TypeScript program comments out too: an import keeps a permalink as it is, an expiry that has passed
 * included, and the engine reports as a warning any value the declaration would need changed.
 */
import type { Adoption } from "../../provider/adoption";
import type { AdoptFormat } from "./format";

/** One entry of the import file (the fields `pulumi import --file` reads that adoption fills). */
export interface ImportEntry {
  readonly type: "eyeson:index:Permalink" | "eyeson:index:Webhook";
  /** The resource name the declaration gets. */
  readonly name: string;
  /** The permalink or webhook id. */
  readonly id: string;
}

/** Renders an adoption as a `pulumi import --file` document. */
export const importFileFormat: AdoptFormat = {
  name: "import-file",
  description: "the JSON file `pulumi import --file` takes (for the pulumi-resource-eyeson plugin)",
  render: (adoption) => `${JSON.stringify({ resources: importEntries(adoption) }, null, 2)}\n`,
  nextCommand: "pulumi import --file import.json",
  refused: (count) =>
    `${count} could not be declared as they are (listed below); the import takes them over unchanged, and ` +
    "the engine warns about each value its declaration would change",
};

/** The import entries of an adoption: the permalinks in the API's order, then the webhook. */
export function importEntries(adoption: Adoption): ImportEntry[] {
  const entries: ImportEntry[] = adoption.permalinks.map((permalink) => ({
    type: "eyeson:index:Permalink",
    name: permalink.resourceName,
    id: permalink.permalinkId,
  }));
  if (adoption.webhook) {
    entries.push({
      type: "eyeson:index:Webhook",
      name: adoption.webhook.resourceName,
      id: adoption.webhook.webhookId,
    });
  }
  return entries;
}
