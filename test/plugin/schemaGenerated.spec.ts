// schema.json and provider/resources/declaredTypes.ts are generated from the declarations (`npm run schema`):
// the committed files equal a fresh generation, so nobody edits them by hand, and what an editor shows on a
// resource's arguments and outputs is the text the schema (and every SDK generated from it) shows.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { pluginResources } from "../../plugin/resources";
import { RESOURCES } from "../../provider/resources/declarations";
import { generatedFiles } from "../../scripts/schema";

const ROOT = path.resolve(__dirname, "..", "..");

interface Property {
  readonly description: string;
}
interface Resource {
  readonly inputProperties: Record<string, Property>;
  readonly properties: Record<string, Property>;
}

/** The TSDoc of each property of the interface `name` in provider/resources/declaredTypes.ts, whitespace folded. */
function tsDocs(name: string): Record<string, string> {
  const file = path.join(ROOT, "provider", "resources", "declaredTypes.ts");
  const program = ts.createProgram([file], { strict: true, noEmit: true, types: [], skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file) ?? assert.fail("declaredTypes.ts is missing");
  const declaration =
    source.statements.find(
      (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name,
    ) ?? assert.fail(`no interface ${name}`);
  const type = checker.getTypeAtLocation(declaration);
  return Object.fromEntries(
    type
      .getProperties()
      .map((p) => [p.name, ts.displayPartsToString(p.getDocumentationComment(checker)).replace(/\s+/g, " ")]),
  );
}

describe("the generated schema and resource types", function () {
  this.timeout(60_000);

  it("are what `npm run schema` generates from the declarations (schema.json from generation equals the committed one)", async () => {
    const fresh = await generatedFiles();
    for (const [file, text] of Object.entries(fresh)) {
      assert.equal(
        fs.readFileSync(path.join(ROOT, file), "utf8"),
        text,
        `${file} differs: run npm run schema`,
      );
    }
  });

  it("has the plugin derive exactly the inputs the declarations mark as derived by the constructor", () => {
    const plugin = pluginResources();
    for (const declaration of RESOURCES) {
      const token = `eyeson:index:${declaration.name}`;
      const urn = `urn:pulumi:dev::rooms::${token}::room`;
      const derived = Object.keys(plugin.get(token)?.derivedInputs(urn, { user: { name: "Host" } }) ?? {});
      const declared = Object.entries(declaration.properties)
        .filter(([, property]) => property.derived !== undefined)
        .map(([key]) => key);
      assert.deepEqual(derived.sort(), declared.sort(), token);
    }
  });

  it("documents each argument and output in the editor with the schema's description", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")) as {
      resources: Record<string, Resource>;
      types: Record<string, { properties?: Record<string, Property> }>;
    };
    const mismatches: string[] = [];
    for (const [name, argsName] of [
      ["Permalink", "PermalinkArgs"],
      ["PermalinkHost", "PermalinkHostIdArgs"],
      ["Webhook", "WebhookArgs"],
    ]) {
      const spec = schema.resources[`eyeson:index:${name}`];
      const args = tsDocs(argsName);
      const fields = tsDocs(`${name}Fields`);
      assert.deepEqual(
        Object.keys(args).sort(),
        Object.keys(spec.inputProperties).sort(),
        `${argsName}'s fields`,
      );
      for (const [key, property] of Object.entries(spec.inputProperties)) {
        if (args[key] !== property.description) mismatches.push(`${argsName}.${key}`);
      }
      for (const [key, property] of Object.entries(spec.properties)) {
        if (fields[key] !== property.description) mismatches.push(`${name}.${key}`);
      }
    }
    const user = tsDocs("UserInputArgs");
    for (const [key, property] of Object.entries(schema.types["eyeson:index:UserInput"].properties ?? {})) {
      if (user[key] !== property.description) mismatches.push(`UserInputArgs.${key}`);
    }
    assert.deepEqual(mismatches, []);
  });
});
