// schema.json against the TypeScript it describes: every resource's inputs and outputs, every served function's
// arguments and result, property by property (name, type, required or not), read with the compiler's type
// checker, so the schema and the types cannot drift apart; and every part of the schema documented.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_PROPERTIES } from "../../plugin/configure";
import { functionToken, READ_ONLY_FUNCTIONS } from "../../plugin/functions";
import { pluginResources } from "../../plugin/resources";
import { differences, SchemaReader, TypeReader, type SchemaObject, type SchemaProperty } from "./shapes";

const ROOT = path.resolve(__dirname, "..", "..");

interface ResourceSpec {
  readonly description?: string;
  readonly inputProperties: Record<string, SchemaProperty>;
  readonly requiredInputs?: string[];
  readonly properties: Record<string, SchemaProperty>;
  readonly required?: string[];
}

interface FunctionSpec {
  readonly description?: string;
  readonly inputs: SchemaObject;
  readonly outputs: SchemaObject;
}

interface PackageSchema {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly config: { readonly variables: Record<string, SchemaProperty> };
  readonly provider: {
    readonly description?: string;
    readonly inputProperties: Record<string, SchemaProperty>;
  };
  readonly resources: Record<string, ResourceSpec>;
  readonly functions: Record<string, FunctionSpec>;
  readonly types: Record<string, SchemaObject>;
}

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")) as PackageSchema;
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };

/**
 * Each resource's TypeScript types, and the inputs the plugin derives itself (from the URN, as the dynamic
 * resources' constructors do in the program): those are bookkeeping, not part of the schema.
 */
const RESOURCES = [
  {
    token: "eyeson:index:Permalink",
    file: "provider/resources/permalink.ts",
    name: "Permalink",
    derived: ["createKey"],
    derivedOutputs: ["createKey"],
  },
  {
    token: "eyeson:index:PermalinkHost",
    file: "provider/resources/permalinkHost.ts",
    name: "PermalinkHost",
    // The generated user id is also an output users read.
    derived: ["userId"],
    derivedOutputs: [],
  },
  {
    token: "eyeson:index:Webhook",
    file: "provider/resources/webhook.ts",
    name: "Webhook",
    derived: ["declaredAt"],
    derivedOutputs: ["declaredAt"],
  },
] as const;

const FUNCTIONS_INDEX = "provider/functions/index.ts";
const FUNCTION_FILES = fs
  .readdirSync(path.join(ROOT, "provider", "functions"))
  .filter((f) => f.endsWith(".ts") && !["index.ts", "invoke.ts", "converge.ts"].includes(f))
  .map((f) => `provider/functions/${f}`);

function capitalized(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

describe("schema.json", function () {
  this.timeout(60_000);
  let reader: TypeReader;
  const types = new SchemaReader(schema.types);

  before(() => {
    reader = new TypeReader([...RESOURCES.map((r) => r.file), FUNCTIONS_INDEX, ...FUNCTION_FILES]);
  });

  it("names the package eyeson at the package.json version, with the plugin's resources and functions", () => {
    assert.equal(schema.name, "eyeson");
    assert.equal(schema.version, manifest.version);
    assert.deepEqual(Object.keys(schema.resources).sort(), [...pluginResources().keys()].sort());
    assert.deepEqual(
      Object.keys(schema.functions).sort(),
      Object.keys(READ_ONLY_FUNCTIONS).map(functionToken).sort(),
    );
  });

  it("serves as functions exactly the functions whose TSDoc says they are read-only", () => {
    const readOnly = FUNCTION_FILES.flatMap((file) =>
      Object.entries(reader.functionDocs(file))
        .filter(([name, doc]) => !name.endsWith("Output") && /Read-only/.test(doc))
        .map(([name]) => name),
    );
    assert.ok(readOnly.length >= 10, "the functions' TSDoc was read");
    assert.deepEqual(Object.keys(READ_ONLY_FUNCTIONS).sort(), readOnly.sort());
  });

  for (const resource of RESOURCES) {
    it(`describes ${resource.token}'s inputs and outputs as ${resource.name}Inputs and ${resource.name}Outputs do`, () => {
      const spec = schema.resources[resource.token];
      const inputs = reader.exported(resource.file, `${resource.name}Inputs`);
      const outputs = reader.exported(resource.file, `${resource.name}Outputs`);
      assert.ok(inputs.kind === "object" && outputs.kind === "object");
      const userInputs = { ...inputs, properties: omit(inputs.properties, resource.derived) };
      const userOutputs = { ...outputs, properties: omit(outputs.properties, resource.derivedOutputs) };
      const schemaInputs = types.object(
        { properties: spec.inputProperties, required: spec.requiredInputs },
        `${resource.token} inputs`,
      );
      const schemaOutputs = types.object(
        { properties: spec.properties, required: spec.required },
        `${resource.token} outputs`,
      );
      assert.deepEqual(differences(userInputs, schemaInputs, `${resource.token} inputs`), []);
      assert.deepEqual(differences(userOutputs, schemaOutputs, `${resource.token} outputs`), []);
    });
  }

  it("describes each function's arguments and result as its <Name>Args and <Name>Result types do", () => {
    const problems: string[] = [];
    for (const name of Object.keys(READ_ONLY_FUNCTIONS)) {
      const spec = schema.functions[functionToken(name)];
      const args = reader.exported(FUNCTIONS_INDEX, `${capitalized(name)}Args`);
      const result = reader.exported(FUNCTIONS_INDEX, `${capitalized(name)}Result`);
      problems.push(...differences(args, types.object(spec.inputs, `${name} inputs`), `${name} inputs`));
      problems.push(...differences(result, types.object(spec.outputs, `${name} outputs`), `${name} outputs`));
    }
    assert.deepEqual(problems, []);
  });

  it("marks secret exactly the outputs the dynamic resources keep secret", () => {
    for (const [token, resource] of pluginResources()) {
      const secret = Object.entries(schema.resources[token].properties)
        .filter(([, property]) => property.secret === true)
        .map(([key]) => key);
      assert.deepEqual(secret.sort(), [...resource.secretOutputs].sort(), token);
    }
  });

  it("declares eyeson:apiKey (secret) and eyeson:endpoint as the configuration and the provider's inputs", () => {
    for (const properties of [schema.config.variables, schema.provider.inputProperties]) {
      assert.deepEqual(Object.keys(properties).sort(), [...CONFIG_PROPERTIES].sort());
      assert.equal(properties.apiKey.secret, true);
      assert.equal(properties.endpoint.secret, undefined);
    }
  });

  it("documents the package, every resource, function, type, enum value and property", () => {
    const undocumented: string[] = [];
    const check = (where: string, text: string | undefined): void => {
      if (typeof text !== "string" || text.trim().length < 3) undocumented.push(where);
    };
    const properties = (where: string, bag: Record<string, SchemaProperty> | undefined): void => {
      for (const [key, property] of Object.entries(bag ?? {})) {
        check(`${where}.${key}`, property.description);
        if (property.items) check(`${where}.${key}[]`, property.items.description ?? property.description);
      }
    };
    check("package", schema.description);
    check("provider", schema.provider.description);
    properties("config", schema.config.variables);
    properties("provider", schema.provider.inputProperties);
    for (const [token, resource] of Object.entries(schema.resources)) {
      check(token, resource.description);
      properties(`${token} inputs`, resource.inputProperties);
      properties(`${token} outputs`, resource.properties);
    }
    for (const [token, fn] of Object.entries(schema.functions)) {
      check(token, fn.description);
      properties(`${token} inputs`, fn.inputs.properties);
      properties(`${token} outputs`, fn.outputs.properties);
    }
    for (const [token, type] of Object.entries(schema.types)) {
      check(token, type.description);
      properties(token, type.properties);
      for (const value of type.enum ?? []) check(`${token} ${value.value}`, value.description);
    }
    assert.deepEqual(undocumented, []);
  });
});

function omit<V>(record: Readonly<Record<string, V>>, keys: readonly string[]): Record<string, V> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}
