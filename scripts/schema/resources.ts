/**
 * The resource half of the generated files, from the declarations in provider/resources/declarations.ts: the
 * schema's `resources` and the resource-side `types` (UserInput, LiveMeetings), and the TypeScript types of
 * provider/resources/declaredTypes.ts with the same descriptions as TSDoc.
 */
import {
  describe,
  type EnumTypeDeclaration,
  type ObjectTypeDeclaration,
  type PropertyDeclaration,
  type PropertyType,
  type ResourceDeclaration,
} from "../../provider/resources/declare";
import { LIVE_MEETINGS, RESOURCES, USER_INPUT } from "../../provider/resources/declarations";
import type { SchemaSpec } from "./options";

const TOKEN_PREFIX = "eyeson:index:";

/** The schema's `resources`: token → resource spec. */
export function resourcesSection(): Record<string, SchemaSpec> {
  return Object.fromEntries(
    RESOURCES.map((resource) => [TOKEN_PREFIX + resource.name, resourceSpec(resource)]),
  );
}

/** The resource-side entries of the schema's `types`: token → type spec. */
export function resourceTypes(): Record<string, SchemaSpec> {
  return {
    [`${TOKEN_PREFIX}UserInput`]: objectType(USER_INPUT),
    [`${TOKEN_PREFIX}LiveMeetings`]: enumType(LIVE_MEETINGS),
  };
}

function resourceSpec(resource: ResourceDeclaration): SchemaSpec {
  const entries = Object.entries(resource.properties);
  const userInputs = entries.filter(([, p]) => p.role !== "output" && p.derived === undefined);
  const shown = entries.filter(([, p]) => p.derived !== "hidden");
  const required = userInputs.filter(([, p]) => p.required).map(([key]) => key);
  return {
    description: resource.description,
    inputProperties: Object.fromEntries(userInputs.map(([key, p]) => [key, property(p, "input")])),
    requiredInputs: required,
    properties: Object.fromEntries(shown.map(([key, p]) => [key, property(p, "output")])),
    required,
  };
}

function property(p: PropertyDeclaration, side: "input" | "output"): SchemaSpec {
  return {
    ...typeSpec(p.type),
    description: describe(p, side),
    ...(side === "output" && p.secret ? { secret: true } : {}),
  };
}

function typeSpec(type: PropertyType): SchemaSpec {
  if (typeof type === "string") return { type };
  if ("ref" in type) return { $ref: `#/types/${TOKEN_PREFIX}${type.ref}` };
  const items = typeSpec(type.array);
  // An item that is a named type carries that type's own description.
  const named =
    "ref" in Object(type.array) ? namedDescription((type.array as { ref: string }).ref) : undefined;
  return { type: "array", items: named === undefined ? items : { ...items, description: named } };
}

/** The description of a named item type, for the schema's `items` (every part of the schema is documented). */
function namedDescription(name: string): string | undefined {
  return name === "WebhookType" ? "An event type." : undefined;
}

function objectType(declaration: ObjectTypeDeclaration): SchemaSpec {
  const entries = Object.entries(declaration.properties);
  return {
    type: "object",
    description: declaration.description,
    properties: Object.fromEntries(
      entries.map(([key, p]) => [key, { ...typeSpec(p.type), description: p.description }]),
    ),
    required: entries.filter(([, p]) => p.required).map(([key]) => key),
  };
}

function enumType(declaration: EnumTypeDeclaration): SchemaSpec {
  return {
    type: "string",
    description: declaration.description,
    enum: Object.entries(declaration.values).map(([value, description]) => ({ value, description })),
  };
}

/** Where the TypeScript types named in the declarations come from, relative to provider/resources/. */
const TYPE_SOURCES: Record<string, string> = {
  UserInput: "../types",
  RoomOptions: "../types",
  WebhookType: "../types",
  LiveMeetings: "./liveMeetings",
};

/** The named object types whose argument form (`<name>Args`, each field a `pulumi.Input`) is generated here. */
const ARGS_TYPES: Record<string, ObjectTypeDeclaration> = { UserInput: USER_INPUT };

/** The text of provider/resources/declaredTypes.ts (before formatting). */
export function declaredTypesSource(): string {
  const imports = new Map<string, Set<string>>();
  const use = (name: string, from: string): string => {
    imports.set(from, (imports.get(from) ?? new Set()).add(name));
    return name;
  };
  const tsType = (type: PropertyType, args: boolean): string => {
    if (typeof type === "string") {
      const scalar = type === "integer" ? "number" : type;
      return args ? `pulumi.Input<${scalar}>` : scalar;
    }
    if ("ref" in type) {
      if (args && ARGS_TYPES[type.ref] !== undefined) return `pulumi.Input<${type.ref}Args>`;
      const name = use(type.ref, TYPE_SOURCES[type.ref]);
      return args ? `pulumi.Input<${name}>` : name;
    }
    const item = tsType(type.array, args);
    return args ? `pulumi.Input<${item}[]>` : `${item}[]`;
  };
  const blocks = RESOURCES.map((resource) => {
    const entries = Object.entries(resource.properties);
    const field = (
      key: string,
      p: PropertyDeclaration,
      side: "input" | "output",
      type: string,
      optional: boolean,
    ) => `${doc(describe(p, side), "  ")}  readonly ${key}${optional ? "?" : ""}: ${type};\n`;
    const args = entries
      .filter(([, p]) => p.role !== "output" && p.derived === undefined)
      .map(([key, p]) => field(key, p, "input", tsType(p.type, true), !p.required));
    const inputs = entries
      .filter(([, p]) => p.role !== "output")
      .map(([key, p]) => field(key, p, "input", tsType(p.type, false), !p.required));
    const outputs = entries
      .filter(([, p]) => p.role === "output")
      .map(([key, p]) => field(key, p, "output", tsType(p.type, false), true));
    const fields = entries
      .filter(([, p]) => p.derived !== "hidden")
      .map(([key, p]) => {
        const type = tsType(p.type, false);
        return field(key, p, "output", `pulumi.Output<${p.optional ? `${type} | undefined` : type}>`, false);
      });
    const name = resource.name;
    return (
      `${doc(`Arguments of \`new ${name}(...)\`.`, "")}export interface ${resource.argsName ?? `${name}Args`} {\n${args.join("")}}\n\n` +
      `${doc("Normalised inputs, as `check` returns them.", "")}export interface ${name}Inputs {\n${inputs.join("")}}\n\n` +
      `${doc("Outputs: the inputs plus what the provider reports. Optional because older states may lack some.", "")}` +
      `export interface ${name}Outputs extends ${name}Inputs {\n${outputs.join("")}}\n\n` +
      `${doc(`The outputs of a \`${name}\` as a program reads them (merged into the class).`, "")}` +
      `export interface ${name}Fields {\n${fields.join("")}}\n`
    );
  });
  const argsTypes = Object.entries(ARGS_TYPES).map(([name, declaration]) => {
    const fields = Object.entries(declaration.properties).map(
      ([key, p]) =>
        `${doc(p.description, "  ")}  readonly ${key}${p.required ? "" : "?"}: ${tsType(p.type, true)};\n`,
    );
    return `${doc(`${declaration.description} As a program writes it.`, "")}export interface ${name}Args {\n${fields.join("")}}\n`;
  });
  const importLines = [...imports.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([from, names]) => `import type { ${[...names].sort().join(", ")} } from "${from}";\n`);
  return (
    "// Generated by `npm run schema` from provider/resources/declarations.ts: do not edit, edit the declarations.\n" +
    'import type * as pulumi from "@pulumi/pulumi";\n' +
    importLines.join("") +
    "\n" +
    [...argsTypes, ...blocks].join("\n")
  );
}

/** A TSDoc comment, on one line when it fits, else wrapped at the repository's line width. */
function doc(text: string, indent: string): string {
  const safe = text.replace(/\*\//g, "*\\/");
  if (indent.length + safe.length + 7 <= 110) return `${indent}/** ${safe} */\n`;
  const lines: string[] = [];
  let line = "";
  for (const word of safe.split(" ")) {
    if (line !== "" && indent.length + 3 + line.length + 1 + word.length > 110) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}\n`).join("")}${indent} */\n`;
}
