/**
 * The vocabulary of a resource declaration (see the `declarations` module), and what the providers derive from
 * one at run time: the input keys `check` accepts, the outputs kept secret, the keys whose change replaces, and
 * the output placeholders a class hands to the engine. The TypeScript types and `schema.json` are derived from
 * the same declarations by `npm run schema` (the generator in scripts/schema). Pure data: no HTTP code.
 */

/** A named type of the schema (`eyeson:index:<name>`); its TypeScript type has the same name. */
export type NamedType = "UserInput" | "RoomOptions" | "LiveMeetings" | "WebhookType";

/** A property's type: a scalar, a named type, or a list. */
export type PropertyType =
  "string" | "boolean" | "integer" | { readonly ref: NamedType } | { readonly array: PropertyType };

/** Whether the program sets a property (`input`), the provider reports it (`output`), or both. */
export type Role = "input" | "output" | "both";

/** One property of a resource: everything the types, the schema, the providers and the plugin need. */
export interface PropertyDeclaration {
  readonly role: Role;
  readonly type: PropertyType;
  /** What it means, as the schema and the editor show it for the input (and the output, unless `outputDescription`). */
  readonly description: string;
  /** The output's description when it reads differently from the input's. */
  readonly outputDescription?: string;
  /** An input the program must give (also always present in the outputs). */
  readonly required?: true;
  /** An output whose value is kept secret in the state (a token, or a link that embeds one). */
  readonly secret?: true;
  /** A change of this input replaces the object (the API cannot change it in place). */
  readonly replaces?: true;
  /**
   * An input the class's constructor (or the plugin) derives rather than the user: not an argument and not
   * an input of the schema. `hidden` also keeps it out of the schema's outputs (bookkeeping only).
   */
  readonly derived?: "shown" | "hidden";
  /** An output that may be absent from a fresh state too (the class types it `T | undefined`). */
  readonly optional?: true;
  /** The output is the resource id itself: the class reads it from `id`, not from the engine's outputs. */
  readonly resourceId?: true;
  /** The field of the API's object it comes from or goes to, where it has one (`docs/api-notes.md`). */
  readonly wire?: string;
  /**
   * The value when unset, in words; appended to the description as "Default: …". Not named `default`: Pulumi's
   * closure serializer takes an object with a non-object `default` for an `import *` result and throws on it,
   * which breaks serializing a provider implementation the conventional way (as `npm run bench` does).
   */
  readonly defaultText?: string;
}

/** One resource: its name (the schema's `eyeson:index:<name>`, the class's name) and its properties. */
export interface ResourceDeclaration {
  readonly name: string;
  /** The name of the generated arguments interface when it is not `<name>Args` (the class builds its own on it). */
  readonly argsName?: string;
  /** The schema's description of the resource (the class carries its own TSDoc, with TypeScript examples). */
  readonly description: string;
  readonly properties: Readonly<Record<string, PropertyDeclaration>>;
}

/** A named object type of the schema that belongs to the resources (e.g. `UserInput`). */
export interface ObjectTypeDeclaration {
  readonly description: string;
  readonly properties: Readonly<
    Record<string, { readonly type: PropertyType; readonly description: string; readonly required?: true }>
  >;
}

/** A named string enum of the schema that belongs to the resources (e.g. `LiveMeetings`). */
export interface EnumTypeDeclaration {
  readonly description: string;
  /** Each value with what it means. */
  readonly values: Readonly<Record<string, string>>;
}

/** The type of a resource's dynamic twin, as its URN carries it: `pulumi-nodejs:dynamic/eyeson:<name>`. */
export function dynamicType(resource: Pick<ResourceDeclaration, "name">): string {
  return `pulumi-nodejs:dynamic/eyeson:${resource.name}`;
}

/** The properties a program or `check` sets: inputs the user gives and inputs a constructor derives. */
export function inputKeys(resource: ResourceDeclaration): string[] {
  return keys(resource, (p) => p.role !== "output");
}

/** The inputs a state holds, as a refresh reports them: each of `inputKeys` that has a value in `state`. */
export function inputsIn<T>(resource: ResourceDeclaration, state: object): T {
  const values = state as Record<string, unknown>;
  const present = inputKeys(resource).filter((key) => values[key] !== undefined);
  return Object.fromEntries(present.map((key) => [key, values[key]])) as T;
}

/** The outputs kept secret in the state (the classes' `additionalSecretOutputs`, the plugin's secret outputs). */
export function secretOutputs(resource: ResourceDeclaration): string[] {
  return keys(resource, (p) => p.secret === true);
}

/** The inputs whose change replaces the object (`diff`'s `replaces`). */
export function replaceKeys(resource: ResourceDeclaration): string[] {
  return keys(resource, (p) => p.replaces === true);
}

/** The replace keys (see `replaceKeys`) whose value differs between the state `old` and the inputs `news`. */
export function replacingChanges(
  resource: ResourceDeclaration,
  old: object,
  news: object,
  differs: (a: unknown, b: unknown) => boolean,
): string[] {
  const before = old as Record<string, unknown>;
  const after = news as Record<string, unknown>;
  return replaceKeys(resource).filter((key) => differs(before[key], after[key]));
}

/**
 * Every output the class registers with the engine, set to `undefined` (the engine fills it in); a class adds
 * its arguments and derived inputs over it. The resource id's property is not among them.
 */
export function outputPlaceholders(resource: ResourceDeclaration): Record<string, undefined> {
  const entries = keys(resource, (p) => p.resourceId !== true && p.derived !== "hidden");
  return Object.fromEntries(entries.map((key) => [key, undefined]));
}

/** The description with its default, as both the schema and the TSDoc show it. */
export function describe(property: PropertyDeclaration, side: "input" | "output"): string {
  const text =
    side === "output" ? (property.outputDescription ?? property.description) : property.description;
  return property.defaultText === undefined ? text : `${text} Default: ${property.defaultText}.`;
}

function keys(resource: ResourceDeclaration, test: (p: PropertyDeclaration) => boolean): string[] {
  return Object.entries(resource.properties)
    .filter(([, property]) => test(property))
    .map(([key]) => key);
}
