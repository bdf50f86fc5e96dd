// The schema's functions and the types their results reference are generated from the functions' declarations
// (scripts/schema/functions.ts): every read-only function, with its arguments and result read from its types and
// every description from its TSDoc. The committed schema.json must hold exactly what a generation gives.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { READ_ONLY } from "../../provider/functions/catalog";
import { functionsSection, functionTypes } from "../../scripts/schema/functions";

const ROOT = path.resolve(__dirname, "..", "..");

interface Schema {
  readonly functions: Record<string, unknown>;
  readonly types: Record<string, unknown>;
}

describe("schema.json's functions, generated from the declarations", function () {
  this.timeout(60_000);
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")) as Schema;

  it("describes exactly the functions declared read-only, each as a generation gives it", () => {
    const generated = functionsSection();
    assert.deepEqual(
      Object.keys(generated).sort(),
      READ_ONLY.map((fn) => `eyeson:index:${fn.spec.name}`).sort(),
    );
    assert.deepEqual(schema.functions, generated);
  });

  it("holds every type the functions' results reference as a generation gives it", () => {
    const types = functionTypes();
    assert.ok(Object.keys(types).length >= 10, "the results' object types were read");
    for (const [token, type] of Object.entries(types)) assert.deepEqual(schema.types[token], type, token);
  });

  it("takes each function's description from its editor TSDoc and marks Secret: properties secret", () => {
    const getRoom = functionsSection()["eyeson:index:getRoom"] as {
      description: string;
      inputs: { properties: Record<string, { secret?: boolean; description: string }> };
    };
    assert.match(getRoom.description, /^Reads the current meeting/);
    assert.equal(getRoom.inputs.properties.accessKey.secret, true);
    assert.equal(getRoom.inputs.properties.accessKey.description, "The access key of a user in the meeting.");
  });
});
