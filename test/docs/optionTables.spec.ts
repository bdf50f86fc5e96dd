// The room-option table (provider/roomOptions.ts) and the webhook types (provider/webhookTypes.ts) are the one
// source of the option types a program sees, their schema entries and the README's table: the generated parts
// must be what scripts/schema/options.ts makes of the tables today, and the schema's text the editor's text.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { optionDeclarations, optionTypes, updateOptionSources } from "../../scripts/schema/options";

const ROOT = path.resolve(__dirname, "..", "..");

describe("the option tables' derived files", () => {
  it("leave the generated regions of provider/types.ts and README.md as generation makes them", () => {
    assert.deepEqual(updateOptionSources(true), [], "run scripts/schema/options.ts and commit the result");
  });

  it("give schema.json the room-option, enum and webhook-type entries generated from the tables", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")) as {
      types: Record<string, unknown>;
    };
    for (const [token, spec] of Object.entries(optionTypes()))
      assert.deepEqual(schema.types[token], spec, token);
  });

  it("describe each room option, as set and as reported, in the schema with the very text of its TSDoc", () => {
    const declarations = optionDeclarations();
    for (const type of ["RoomOptions", "RoomOptionsState"]) {
      const spec = optionTypes()[`eyeson:index:${type}`] as {
        description: string;
        properties: Record<string, { description: string }>;
      };
      const body = declarations.slice(declarations.indexOf(`export interface ${type} `));
      for (const [name, property] of Object.entries(spec.properties)) {
        assert.ok(
          body.includes(`  /** ${property.description} */\n  readonly ${name}?:`),
          `${type}.${name}: the TSDoc is the schema's description`,
        );
      }
    }
  });
});
