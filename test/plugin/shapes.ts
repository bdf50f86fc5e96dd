// One structural description ("shape") of a value type, read either from the provider's TypeScript types (with
// the compiler's type checker) or from schema.json, so the schema spec can compare the two property by property.
import * as path from "node:path";
import ts from "typescript";
import type { SchemaProperty } from "../../scripts/schema/functions";

export type { SchemaProperty };

/** What a value looks like, as far as a Pulumi schema can say it. */
export type Shape =
  | { readonly kind: "string"; readonly literals?: readonly string[] }
  | { readonly kind: "number" }
  | { readonly kind: "integer" }
  | { readonly kind: "boolean" }
  | { readonly kind: "any" }
  | { readonly kind: "map" }
  | { readonly kind: "array"; readonly items: Shape }
  | { readonly kind: "object"; readonly name: string; readonly properties: Readonly<Record<string, Field>> };

/** A property of an object shape. */
export interface Field {
  readonly shape: Shape;
  /** Always present (not optional, never null). */
  readonly required: boolean;
  /** The TSDoc or schema description. */
  readonly description: string;
  /** Marked secret (schema only). */
  readonly secret?: boolean;
}

const ROOT = path.resolve(__dirname, "..", "..");

/** Reads exported types of the repository's modules with one TypeScript program. */
export class TypeReader {
  private readonly program: ts.Program;
  private readonly checker: ts.TypeChecker;

  constructor(files: readonly string[]) {
    this.program = ts.createProgram(
      files.map((f) => path.join(ROOT, f)),
      {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        esModuleInterop: true,
        skipLibCheck: true,
        types: ["node"],
      },
    );
    this.checker = this.program.getTypeChecker();
  }

  /** The TSDoc of every function `file` exports, by name. */
  functionDocs(file: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const symbol of this.exportsOf(file)) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
      if (target.flags & ts.SymbolFlags.Function) {
        out[symbol.name] = ts.displayPartsToString(target.getDocumentationComment(this.checker));
      }
    }
    return out;
  }

  /** The shape of the type exported as `name` from `file` (relative to the repository root). */
  exported(file: string, name: string): Shape {
    const symbol = this.exportsOf(file).find((s) => s.name === name);
    if (!symbol) throw new Error(`${file} exports no ${name}`);
    const target = symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
    return this.shapeOf(this.checker.getDeclaredTypeOfSymbol(target), name, new Set());
  }

  private exportsOf(file: string): ts.Symbol[] {
    const source = this.program.getSourceFile(path.join(ROOT, file));
    if (!source) throw new Error(`${file} is not part of the program`);
    const moduleSymbol = this.checker.getSymbolAtLocation(source);
    return moduleSymbol ? this.checker.getExportsOfModule(moduleSymbol) : [];
  }

  private shapeOf(type: ts.Type, name: string, seen: Set<ts.Type>): Shape {
    const c = this.checker;
    const parts = (type.isUnion() ? type.types : [type]).filter(
      (t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)),
    );
    if (parts.some((t) => t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return { kind: "any" };
    if (parts.length > 0 && parts.every((t) => t.flags & ts.TypeFlags.StringLike)) {
      const literals = parts.filter((t) => t.isStringLiteral()).map((t) => (t as ts.StringLiteralType).value);
      return literals.length === parts.length
        ? { kind: "string", literals: literals.sort() }
        : { kind: "string" };
    }
    if (parts.length > 0 && parts.every((t) => t.flags & ts.TypeFlags.NumberLike)) return { kind: "number" };
    if (parts.length > 0 && parts.every((t) => t.flags & ts.TypeFlags.BooleanLike))
      return { kind: "boolean" };
    // A union of unlike primitives (a layout box's numbers and fit) is anything to a schema.
    if (
      parts.length > 1 &&
      parts.every(
        (t) => t.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike),
      )
    )
      return { kind: "any" };
    if (parts.length !== 1) {
      throw new Error(
        `${name}: a union of ${parts.map((t) => c.typeToString(t)).join(" | ")} has no schema shape`,
      );
    }
    const [only] = parts;
    if (c.isTupleType(only)) return { kind: "array", items: { kind: "any" } };
    if (c.isArrayType(only)) {
      const [item] = c.getTypeArguments(only as ts.TypeReference);
      return { kind: "array", items: this.shapeOf(item, `${name}[]`, seen) };
    }
    const properties = c.getPropertiesOfType(only);
    const indexed = c
      .getIndexInfosOfType(only)
      .some((info) => !(info.type.flags & ts.TypeFlags.Never) && info.keyType.flags & ts.TypeFlags.String);
    if (indexed) return { kind: "map" };
    if (seen.has(only)) return { kind: "object", name, properties: {} };
    const inner = new Set(seen).add(only);
    const fields: Record<string, Field> = {};
    for (const property of properties) {
      const declared = c.getTypeOfSymbol(property);
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
      const nullable = declared.isUnion() && declared.types.some((t) => t.flags & ts.TypeFlags.Null);
      fields[property.name] = {
        shape: this.shapeOf(declared, `${name}.${property.name}`, inner),
        required: !optional && !nullable,
        description: ts.displayPartsToString(property.getDocumentationComment(c)).trim(),
      };
    }
    return { kind: "object", name: typeName(c, only) ?? name, properties: fields };
  }
}

function typeName(c: ts.TypeChecker, type: ts.Type): string | undefined {
  const alias = type.aliasSymbol;
  if (alias?.name === "Known" && type.aliasTypeArguments?.[0]) return typeName(c, type.aliasTypeArguments[0]);
  if (alias) return alias.name;
  const symbol = type.getSymbol();
  return symbol && !symbol.name.startsWith("__") ? symbol.name : undefined;
}

/** An object type (or a resource's or function's property list) as schema.json writes it. */
export interface SchemaObject {
  readonly type?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaProperty>>;
  readonly required?: readonly string[];
  readonly enum?: readonly { readonly value: string; readonly description?: string }[];
}

/** Reads shapes out of a package schema, resolving `#/types/...` references. */
export class SchemaReader {
  constructor(private readonly types: Readonly<Record<string, SchemaObject>>) {}

  /** The shape of an object spec. */
  object(spec: SchemaObject, name: string): Shape {
    const required = new Set(spec.required ?? []);
    const fields: Record<string, Field> = {};
    for (const [key, property] of Object.entries(spec.properties ?? {})) {
      fields[key] = {
        shape: this.property(property, `${name}.${key}`),
        required: required.has(key),
        description: property.description ?? "",
        secret: property.secret === true,
      };
    }
    return { kind: "object", name, properties: fields };
  }

  /** The shape of one property spec. */
  property(property: SchemaProperty, name: string): Shape {
    if (property.$ref === "pulumi.json#/Any") return { kind: "any" };
    if (property.$ref !== undefined) {
      const token = property.$ref.replace(/^#\/types\//, "");
      const type = this.types[token];
      if (!type) throw new Error(`${name}: no type ${token}`);
      if (type.enum) return { kind: "string", literals: type.enum.map((e) => e.value).sort() };
      return this.object(type, token);
    }
    switch (property.type) {
      case "string":
      case "number":
      case "integer":
      case "boolean":
        return { kind: property.type };
      case "array":
        if (!property.items) throw new Error(`${name}: an array without items`);
        return { kind: "array", items: this.property(property.items, `${name}[]`) };
      case "object":
        return { kind: "map" };
      default:
        throw new Error(`${name}: no type`);
    }
  }
}

/**
 * Where the schema's `actual` differs from the TypeScript `expected`, as `path: what` lines. A string schema
 * property may leave a TypeScript literal union to its description, and `integer` stands for a number.
 */
export function differences(expected: Shape, actual: Shape, at: string): string[] {
  if (expected.kind === "number" && actual.kind === "integer") return [];
  // An API object whose keys TypeScript leaves open (only an index signature) is a map to the schema.
  if (expected.kind === "object" && Object.keys(expected.properties).length === 0 && actual.kind === "map")
    return [];
  if (expected.kind !== actual.kind)
    return [`${at}: TypeScript says ${expected.kind}, the schema ${actual.kind}`];
  if (expected.kind === "string" && actual.kind === "string") {
    if (actual.literals && JSON.stringify(actual.literals) !== JSON.stringify(expected.literals ?? [])) {
      return [`${at}: the schema's enum ${actual.literals.join(",")} is not ${expected.literals?.join(",")}`];
    }
    return [];
  }
  if (expected.kind === "array" && actual.kind === "array") {
    return differences(expected.items, actual.items, `${at}[]`);
  }
  if (expected.kind === "object" && actual.kind === "object") {
    const out: string[] = [];
    for (const key of new Set([...Object.keys(expected.properties), ...Object.keys(actual.properties)])) {
      const want = expected.properties[key];
      const have = actual.properties[key];
      if (!have) out.push(`${at}.${key}: missing from the schema`);
      else if (!want) out.push(`${at}.${key}: in the schema, not in TypeScript`);
      else {
        if (want.required !== have.required) {
          out.push(
            `${at}.${key}: ${want.required ? "required" : "optional"} in TypeScript, not in the schema`,
          );
        }
        out.push(...differences(want.shape, have.shape, `${at}.${key}`));
      }
    }
    return out;
  }
  return [];
}
