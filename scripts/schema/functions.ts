/**
 * The schema's part for the plugin's functions, generated from their declarations: `functionsSection()` (the
 * `functions` map, one entry per read-only function) and `functionTypes()` (the `types` entries their results
 * reference). Which functions: `sideEffect: false` in `defineFunction`. Their arguments and results: the
 * `<Name>Args` and `<Name>Result` types, read with the TypeScript compiler. Every description is the TSDoc a
 * user sees in the editor: the Promise form's summary for a function, a field's TSDoc for a property, where a
 * leading `Secret:` marks the property secret.
 */
import * as path from "node:path";
import ts from "typescript";
import { READ_ONLY } from "../../provider/functions/catalog";

const ROOT = path.resolve(__dirname, "..", "..");
const FUNCTIONS_INDEX = path.join(ROOT, "provider", "functions", "index.ts");
const TOKEN_PREFIX = "eyeson:index:";

/** A property as the schema writes it. */
export interface SchemaProperty {
  readonly type?: string;
  readonly $ref?: string;
  readonly items?: SchemaProperty;
  readonly additionalProperties?: SchemaProperty;
  readonly description?: string;
  readonly secret?: boolean;
}

/** An object type, or a function's inputs or outputs, as the schema writes it. */
export interface SchemaObject {
  readonly type?: "object";
  readonly description?: string;
  readonly properties: Record<string, SchemaProperty>;
  readonly required?: string[];
}

/** A function as the schema writes it. */
export interface SchemaFunction {
  readonly description: string;
  readonly inputs: SchemaObject;
  readonly outputs: SchemaObject;
}

/**
 * The schema names of API objects whose TypeScript name says less or clashes with a resource: the package
 * exports them under these names too (`Permalink as PermalinkObject`, `Webhook as WebhookObject`).
 */
const SCHEMA_NAMES: Readonly<Record<string, string>> = {
  Permalink: "PermalinkObject",
  Webhook: "WebhookObject",
};

/** Types another part of the schema describes (the room-option table's): referenced here, not written. */
const FOREIGN_TYPES: ReadonlySet<string> = new Set([
  "RoomOptionsState",
  "WebhookType",
  "RoomOptions",
  "UserInput",
]);

class FunctionSchema {
  readonly types: Record<string, SchemaObject> = {};
  private readonly checker: ts.TypeChecker;
  private readonly exports: ReadonlyMap<string, ts.Symbol>;

  constructor() {
    const program = ts.createProgram([FUNCTIONS_INDEX], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ["node"],
    });
    this.checker = program.getTypeChecker();
    const source = program.getSourceFile(FUNCTIONS_INDEX);
    const module = source && this.checker.getSymbolAtLocation(source);
    if (!module) throw new Error("provider/functions/index.ts is not a module");
    this.exports = new Map(this.checker.getExportsOfModule(module).map((s) => [s.name, s]));
  }

  /** The schema entry of the function `name`. */
  function(name: string): SchemaFunction {
    const type = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
    return {
      description: this.summary(name),
      inputs: this.object(this.declared(`${type}Args`), `${name} arguments`),
      outputs: this.object(this.declared(`${type}Result`), `${name} result`),
    };
  }

  /** The summary of an export's TSDoc: the text before its first tag. */
  private summary(name: string): string {
    const symbol = this.target(name);
    const text = ts.displayPartsToString(symbol.getDocumentationComment(this.checker)).trim();
    if (text === "") throw new Error(`${name} has no TSDoc`);
    return text.replace(/\s*\n\s*/g, " ");
  }

  private target(name: string): ts.Symbol {
    const symbol = this.exports.get(name);
    if (!symbol) throw new Error(`provider/functions exports no ${name}`);
    return symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
  }

  private declared(name: string): ts.Type {
    const symbol = this.target(name);
    // `type FooResult = Known<T>` names a second alias, which hides `Known`: read `T` from the declaration.
    const declaration = symbol.declarations?.[0];
    if (
      declaration !== undefined &&
      ts.isTypeAliasDeclaration(declaration) &&
      ts.isTypeReferenceNode(declaration.type) &&
      declaration.type.typeName.getText() === "Known" &&
      declaration.type.typeArguments?.length === 1
    ) {
      return this.checker.getTypeFromTypeNode(declaration.type.typeArguments[0]);
    }
    return this.checker.getDeclaredTypeOfSymbol(symbol);
  }

  /** The properties of an object type, in declaration order, with the ones always present as `required`. */
  private object(type: ts.Type, at: string): SchemaObject {
    const properties: Record<string, SchemaProperty> = {};
    const required: string[] = [];
    for (const property of this.checker.getPropertiesOfType(type)) {
      const declared = this.checker.getTypeOfSymbol(property);
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
      const nullable = declared.isUnion() && declared.types.some((t) => t.flags & ts.TypeFlags.Null);
      const doc = ts.displayPartsToString(property.getDocumentationComment(this.checker)).trim();
      const secret = /^Secret: /.test(doc);
      const description = secret ? capitalized(doc.slice("Secret: ".length)) : doc;
      if (description === "") throw new Error(`${at}: ${property.name} has no TSDoc`);
      const declaration = property.valueDeclaration;
      const node = declaration && ts.isPropertySignature(declaration) ? declaration.type : undefined;
      properties[property.name] = {
        ...this.property(declared, `${at}.${property.name}`, node),
        description: description.replace(/\s*\n\s*/g, " "),
        ...(secret ? { secret: true } : {}),
      };
      if (!optional && !nullable) required.push(property.name);
    }
    return required.length === 0 ? { properties } : { properties, required };
  }

  /** The schema type of a TypeScript type: a primitive, an array, any value, or a reference to an object type. */
  private property(known: ts.Type, at: string, written?: ts.TypeNode): SchemaProperty {
    const c = this.checker;
    // `Known<T>` inside another type is instantiated into a nameless copy of `T`: read `T` where it is written.
    const node = written === undefined ? undefined : knownArgument(written);
    const type = node === undefined ? unwrapKnown(known) : c.getTypeFromTypeNode(node);
    const parts = (type.isUnion() ? type.types : [type]).filter(
      (t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)),
    );
    const named = this.nameOf(type) ?? (parts.length === 1 ? this.nameOf(parts[0]) : undefined);
    if (named !== undefined && FOREIGN_TYPES.has(named)) return { $ref: `#/types/${TOKEN_PREFIX}${named}` };
    if (parts.some((t) => t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)))
      return { $ref: "pulumi.json#/Any" };
    if (parts.length > 0 && parts.every((t) => t.flags & ts.TypeFlags.StringLike)) return { type: "string" };
    if (parts.length > 0 && parts.every((t) => t.flags & ts.TypeFlags.NumberLike)) return { type: "number" };
    if (parts.length > 0 && parts.every((t) => t.flags & ts.TypeFlags.BooleanLike))
      return { type: "boolean" };
    if (parts.length !== 1) throw new Error(`${at}: ${c.typeToString(type)} has no schema type`);
    const [only] = parts;
    if (c.isArrayType(only)) {
      const [item] = c.getTypeArguments(only as ts.TypeReference);
      return { type: "array", items: this.property(item, `${at}[]`, node && elementOf(node)) };
    }
    if (c.getPropertiesOfType(only).length === 0) return { $ref: "pulumi.json#/Any" };
    if (named === undefined)
      throw new Error(`${at}: ${c.typeToString(only)} is an object type without a name`);
    const token = `${TOKEN_PREFIX}${SCHEMA_NAMES[named] ?? named}`;
    if (!(token in this.types)) {
      const symbol = this.symbolOf(only);
      const description = symbol && ts.displayPartsToString(symbol.getDocumentationComment(c)).trim();
      if (!description) throw new Error(`${at}: ${named} has no TSDoc`);
      this.types[token] = { type: "object", description: "", properties: {} };
      const object = this.object(only, named);
      this.types[token] = { type: "object", description: description.replace(/\s*\n\s*/g, " "), ...object };
    }
    return { $ref: `#/types/${token}` };
  }

  /** The name of a type: its own, or for `Known<T>` that of `T`. */
  private nameOf(type: ts.Type): string | undefined {
    const alias = type.aliasSymbol;
    if (alias?.name === "Known" && type.aliasTypeArguments?.[0])
      return this.nameOf(type.aliasTypeArguments[0]);
    if (alias) return alias.name;
    const symbol = type.getSymbol();
    return symbol && !symbol.name.startsWith("__") ? symbol.name : undefined;
  }

  private symbolOf(type: ts.Type): ts.Symbol | undefined {
    const alias = type.aliasSymbol;
    if (alias?.name === "Known" && type.aliasTypeArguments?.[0])
      return this.symbolOf(type.aliasTypeArguments[0]);
    return alias ?? type.getSymbol();
  }
}

/**
 * `T` for `Known<T>`: `Known` only hides index signatures, which the schema does not describe, and reading `T`
 * itself keeps the names of the object types inside it.
 */
function unwrapKnown(type: ts.Type): ts.Type {
  const argument = type.aliasSymbol?.name === "Known" ? type.aliasTypeArguments?.[0] : undefined;
  return argument ?? type;
}

/** The node of `T` where `node` writes `Known<T>` (through `readonly` and parentheses); else `node` itself. */
function knownArgument(node: ts.TypeNode): ts.TypeNode {
  if (ts.isParenthesizedTypeNode(node)) return knownArgument(node.type);
  if (ts.isUnionTypeNode(node)) {
    // `Known<T> | null`: the schema says "absent" by leaving the property out of `required`.
    const present = node.types.filter(
      (n) => !(ts.isLiteralTypeNode(n) && n.literal.kind === ts.SyntaxKind.NullKeyword),
    );
    if (present.length === 1) return knownArgument(present[0]);
  }
  if (
    ts.isTypeReferenceNode(node) &&
    node.typeName.getText() === "Known" &&
    node.typeArguments?.length === 1
  ) {
    return knownArgument(node.typeArguments[0]);
  }
  return node;
}

/** The element type node of an array type node (`readonly T[]`), if it is one. */
function elementOf(node: ts.TypeNode): ts.TypeNode | undefined {
  if (ts.isTypeOperatorNode(node) || ts.isParenthesizedTypeNode(node)) return elementOf(node.type);
  if (ts.isArrayTypeNode(node)) return node.elementType;
  if (ts.isUnionTypeNode(node)) {
    const arrays = node.types.map(elementOf).filter((n): n is ts.TypeNode => n !== undefined);
    return arrays.length === 1 ? arrays[0] : undefined;
  }
  return undefined;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

let generated: { functions: Record<string, SchemaFunction>; types: Record<string, SchemaObject> } | undefined;

function generate(): NonNullable<typeof generated> {
  if (generated) return generated;
  const schema = new FunctionSchema();
  const functions: Record<string, SchemaFunction> = {};
  for (const { spec } of READ_ONLY) functions[`${TOKEN_PREFIX}${spec.name}`] = schema.function(spec.name);
  generated = { functions, types: schema.types };
  return generated;
}

/** The schema's `functions` map: each read-only function by token, with its arguments and result. */
export function functionsSection(): Record<string, SchemaFunction> {
  return generate().functions;
}

/** The schema's `types` entries the functions' results reference (the room-option types excepted). */
export function functionTypes(): Record<string, SchemaObject> {
  return generate().types;
}
