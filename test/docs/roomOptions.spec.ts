// The room-option table (provider/roomOptions.ts) is the one list of options: the `RoomOptions` and
// `CustomFields` types a program sees repeat its names for the editor, and each field's TSDoc its wire name
// and default. These checks fail when the two drift apart, at compile time for the names.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { CUSTOM_FIELDS, INPUT_ROOM_OPTIONS, ROOM_OPTIONS, type OptionSpec } from "../../provider/roomOptions";
import type { CustomFields, RoomOptions } from "../../provider/types";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The declared keys of `T`, without its index signature. */
type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };
type InputName = Extract<(typeof ROOM_OPTIONS)[number], { readonly input: true }>["name"];
type CustomName = (typeof CUSTOM_FIELDS)[number]["name"];
// A compile error here names a room option that is in the table but not in the type, or the other way round.
const ROOM_OPTION_NAMES_MATCH: Same<keyof RoomOptions, InputName | "customFields"> = true;
const CUSTOM_FIELD_NAMES_MATCH: Same<KnownKeys<CustomFields>, CustomName> = true;

/** The TSDoc of every property of `iface` in provider/types.ts, by name. */
function propertyDocs(iface: string): Map<string, string> {
  const file = path.resolve(__dirname, "..", "..", "provider", "types.ts");
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const docs = new Map<string, string>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== iface) return;
    for (const member of node.members) {
      if (!ts.isPropertySignature(member) || !ts.isIdentifier(member.name)) continue;
      const doc = ts
        .getJSDocCommentsAndTags(member)
        .map((d) => (ts.isJSDoc(d) ? (ts.getTextOfJSDocComment(d.comment) ?? "") : ""))
        .join(" ");
      docs.set(member.name.text, doc);
    }
  });
  return docs;
}

/** How a default reads in a doc comment: `true`, `"ptp"`, or none. */
function shown(value: boolean | string | null): string {
  return value === null ? "none" : `\`${JSON.stringify(value)}\``;
}

function assertDocumented(docs: Map<string, string>, spec: OptionSpec, wire: string): void {
  const doc = docs.get(spec.name) ?? assert.fail(`${spec.name} has no TSDoc`);
  assert.ok(doc.includes(`Wire: \`${wire}\``), `${spec.name}: "${doc}" names the wire name ${wire}`);
  assert.ok(
    doc.includes(`Default: ${shown(spec.default)}`) || doc.includes(`${shown(spec.default)} for a room`),
    `${spec.name}: "${doc}" says the default ${shown(spec.default)}`,
  );
  if (spec.permalinkDefault !== undefined) {
    assert.ok(
      doc.includes(`${shown(spec.permalinkDefault)} for a permalink`),
      `${spec.name}: the permalink's default`,
    );
  }
}

describe("the room-option table", () => {
  it("names exactly the options of RoomOptions and CustomFields (checked by the compiler)", () => {
    assert.equal(ROOM_OPTION_NAMES_MATCH, true);
    assert.equal(CUSTOM_FIELD_NAMES_MATCH, true);
  });

  it("gives every option of RoomOptions its wire name and default in the field's TSDoc", () => {
    const docs = propertyDocs("RoomOptions");
    for (const spec of INPUT_ROOM_OPTIONS) assertDocumented(docs, spec, spec.wire);
  });

  it("gives every documented custom field its wire name and default in the field's TSDoc", () => {
    const docs = propertyDocs("CustomFields");
    for (const spec of CUSTOM_FIELDS) assertDocumented(docs, spec, `custom_fields[${spec.wire}]`);
  });
});
