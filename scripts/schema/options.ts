// Everything derived from the room-option table (provider/roomOptions.ts) and the webhook types
// (provider/webhookTypes.ts): the schema's `types` entries, the TypeScript declarations of `RoomOptions`,
// `RoomOptionsState`, `CustomFields` and their enums (a generated region of provider/types.ts), and the README's
// room-option table (a generated region of README.md). A description is written once, in the table, and reaches
// the schema and the editor's TSDoc as the same text.
//
//   npx ts-node --transpile-only scripts/schema/options.ts [--check]
//
// writes the two regions, or with `--check` changes nothing and exits 1 when one would change
// (test/docs/optionTables.spec.ts runs the check and compares `optionTypes()` with schema.json).
import * as fs from "node:fs";
import * as path from "node:path";
import {
  AUDIO_INSERT,
  CUSTOM_FIELDS,
  INPUT_ROOM_OPTIONS,
  LAYOUT_STATE,
  POSITION,
  REPORTED_CUSTOM_FIELDS,
  ROOM_OPTIONS,
  SFU_MODE,
  reportedKeys,
  permalinkDefault,
  type EnumSpec,
  type OptionSpec,
  type ReportedFieldSpec,
} from "../../provider/roomOptions";
import { WEBHOOK_TYPE } from "../../provider/webhookTypes";

const ROOT = path.resolve(__dirname, "..", "..");

/** A schema property or type, as Pulumi's package schema spells it. */
export type SchemaSpec = { [key: string]: unknown };

const ANY = { $ref: "pulumi.json#/Any" };
const token = (name: string): string => `eyeson:index:${name}`;
const ref = (name: string): SchemaSpec => ({ $ref: `#/types/${token(name)}` });

/** What the `RoomOptions` type means (the schema's and the editor's text). */
const ROOM_OPTIONS_DESCRIPTION =
  "Room options of a permalink or room (https://docs.eyeson.com/docs/rest/references/room). Every field is " +
  "optional: the API's default applies to one that is not set, and one removed from a program is set back to " +
  "that default.";
const ROOM_OPTIONS_STATE_DESCRIPTION =
  "Room options as the API reports them in room and permalink responses.";
const CUSTOM_FIELDS_TYPE_DESCRIPTION =
  "`options[custom_fields]`: settings of eyeson's web GUI. Open-ended: keys not listed here are sent as given " +
  "(in snake_case) and must be flat strings, numbers or booleans. A field removed from a program is reset.";

/** How a value reads in a description: `true`, `"ptp"`, or none. */
function shown(value: boolean | string | null): string {
  return value === null ? "none" : `\`${JSON.stringify(value)}\``;
}

function defaultText(option: OptionSpec): string {
  if (option.permalinkDefault !== undefined && option.permalinkDefault !== option.default) {
    return `${shown(permalinkDefault(option))} for a permalink, ${shown(option.default)} for a room`;
  }
  if (option.default === null && option.defaultNote) return `none (${option.defaultNote})`;
  return shown(option.default);
}

/**
 * The description of an option in the schema and the editor: what it means, its wire name and its default.
 * `within` names the object a custom field is sent in (`custom_fields`).
 */
export function optionDescription(option: OptionSpec, within?: string): string {
  const wire = within ? `${within}[${option.wire}]` : option.wire;
  const parts = option.kind === "position" ? " (`[x]`, `[y]`)" : "";
  return `${option.description} Wire: \`${wire}\`${parts}. Default: ${defaultText(option)}.`;
}

function kindHint(option: OptionSpec): string {
  if (option.values)
    return option.values
      .map((v) => `\`${v}\``)
      .join(", ")
      .replace(/, ([^,]*)$/, " or $1");
  return option.kind === "url" ? "URL" : option.kind;
}

/** The description of `customFields`: the known keys come from the table. */
export function customFieldsDescription(): string {
  const known = CUSTOM_FIELDS.map((f: OptionSpec) => `\`${f.name}\` (${kindHint(f)})`).join(", ");
  return (
    "Settings of eyeson's web GUI. Wire: `custom_fields[...]`. Default: `{}`. " +
    `Known keys: ${known}; other keys are sent as given (in snake_case) and must be flat strings, numbers or ` +
    "booleans. A field removed from the program is reset."
  );
}

function inputSchema(option: OptionSpec): SchemaSpec {
  if (option.enumType) return ref(option.enumType.name);
  if (option.kind === "position") return ref(POSITION.name);
  return { type: option.kind === "boolean" ? "boolean" : "string" };
}

function reportedSchema(field: OptionSpec | ReportedFieldSpec): SchemaSpec {
  if ("enumType" in field && field.enumType) return ref(field.enumType.name);
  switch (field.kind) {
    case "boolean":
      return { type: "boolean" };
    case "stringList":
      return { type: "array", items: { type: "string" } };
    case "layoutBoxes":
      return { type: "array", items: { type: "array", items: ANY } };
    case "position":
      return ref(POSITION.name);
    default:
      return { type: "string" };
  }
}

function enumSchema(spec: EnumSpec): SchemaSpec {
  return {
    type: "string",
    description: spec.description,
    enum: Object.entries(spec.meanings).map(([value, description]) => ({ value, description })),
  };
}

/** A reported field by wire name: a reported room option or a field of the layout state. */
function reportedField(wire: string): OptionSpec | ReportedFieldSpec {
  const field =
    (ROOM_OPTIONS as readonly OptionSpec[]).find((o) => o.wire === wire && o.reported !== undefined) ??
    (LAYOUT_STATE as readonly ReportedFieldSpec[]).find((o) => o.wire === wire);
  if (!field) throw new Error(`${wire} is reported, but no table describes it`);
  return field;
}

/** The reported fields, in the API's order, `custom_fields` as `undefined`. */
function reportedFields(): Array<{ wire: string; field: OptionSpec | ReportedFieldSpec | undefined }> {
  return reportedKeys().map((wire) => ({
    wire,
    field: wire === "custom_fields" ? undefined : reportedField(wire),
  }));
}

function camel(wire: string): string {
  return wire.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The schema's `types` entries of the room options and the enums they use (and the webhook types), in the
 * order of schema.json.
 */
export function optionTypes(): Record<string, SchemaSpec> {
  const inputs: Record<string, SchemaSpec> = {};
  for (const option of INPUT_ROOM_OPTIONS) {
    inputs[option.name] = { ...inputSchema(option), description: optionDescription(option) };
  }
  inputs.customFields = { type: "object", additionalProperties: ANY, description: customFieldsDescription() };
  const reported: Record<string, SchemaSpec> = {};
  for (const { wire, field } of reportedFields()) {
    reported[camel(wire)] = field
      ? { ...reportedSchema(field), description: "reported" in field ? field.reported : "" }
      : { type: "object", additionalProperties: ANY, description: REPORTED_CUSTOM_FIELDS };
  }
  return {
    [token("RoomOptions")]: { type: "object", description: ROOM_OPTIONS_DESCRIPTION, properties: inputs },
    [token(POSITION.name)]: {
      type: "object",
      description: POSITION.description,
      properties: Object.fromEntries(
        Object.entries(POSITION.fields).map(([name, description]) => [name, { type: "number", description }]),
      ),
      required: Object.keys(POSITION.fields),
    },
    [token(SFU_MODE.name)]: enumSchema(SFU_MODE),
    [token(AUDIO_INSERT.name)]: enumSchema(AUDIO_INSERT),
    [token(WEBHOOK_TYPE.name)]: enumSchema(WEBHOOK_TYPE),
    [token("RoomOptionsState")]: {
      type: "object",
      description: ROOM_OPTIONS_STATE_DESCRIPTION,
      properties: reported,
    },
  };
}

/** The TypeScript type of an option's value in a program. */
function inputType(option: OptionSpec): string {
  if (option.enumType) return option.enumType.name;
  if (option.values) return option.values.map((v) => JSON.stringify(v)).join(" | ");
  if (option.kind === "position") return POSITION.name;
  return option.kind === "boolean" ? "boolean" : "string";
}

function reportedType(field: OptionSpec | ReportedFieldSpec): string {
  const base =
    field.kind === "stringList"
      ? "readonly string[]"
      : field.kind === "layoutBoxes"
        ? "readonly LayoutBox[]"
        : inputType(field as OptionSpec);
  return field.default === null ? `${base} | null` : base;
}

const doc = (text: string, indent = ""): string => `${indent}/** ${text} */\n`;

/** A type's TSDoc, wrapped at the repository's line width. */
function typeDoc(text: string): string {
  if (text.length <= 100) return doc(text);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + word.length + 1 > 106) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return `/**\n${lines.map((l) => ` * ${l}\n`).join("")} */\n`;
}
const enumDeclaration = (spec: EnumSpec): string =>
  doc(spec.description) +
  `export type ${spec.name} = ${Object.keys(spec.meanings)
    .map((v) => JSON.stringify(v))
    .join(" | ")};\n`;

const BEGIN_TS =
  "// BEGIN generated from provider/roomOptions.ts by scripts/schema/options.ts: edit the table, not this.\n";
const END_TS = "// END generated room options\n";

/** The generated region of provider/types.ts: the option types with the table's descriptions as TSDoc. */
export function optionDeclarations(): string {
  let out = BEGIN_TS + "\n";
  out += enumDeclaration(SFU_MODE) + "\n" + enumDeclaration(AUDIO_INSERT) + "\n";
  out += doc(POSITION.description) + `export interface ${POSITION.name} {\n`;
  for (const [name, description] of Object.entries(POSITION.fields)) {
    out += doc(description, "  ") + `  readonly ${name}: number;\n`;
  }
  out += "}\n\n" + typeDoc(CUSTOM_FIELDS_TYPE_DESCRIPTION) + "export interface CustomFields {\n";
  for (const field of CUSTOM_FIELDS as readonly OptionSpec[]) {
    out +=
      doc(optionDescription(field, "custom_fields"), "  ") +
      `  readonly ${field.name}?: ${inputType(field)};\n`;
  }
  out += "  readonly [key: string]: string | number | boolean | undefined;\n}\n\n";
  out += typeDoc(ROOM_OPTIONS_DESCRIPTION) + "export interface RoomOptions {\n";
  for (const option of INPUT_ROOM_OPTIONS) {
    out += doc(optionDescription(option), "  ") + `  readonly ${option.name}?: ${inputType(option)};\n`;
  }
  out += doc(customFieldsDescription(), "  ") + "  readonly customFields?: CustomFields;\n}\n\n";
  out += doc(ROOM_OPTIONS_STATE_DESCRIPTION) + "export interface RoomOptionsState extends Extra {\n";
  for (const { wire, field } of reportedFields()) {
    out += field
      ? doc("reported" in field && field.reported ? field.reported : "", "  ") +
        `  readonly ${camel(wire)}?: ${reportedType(field)};\n`
      : doc(REPORTED_CUSTOM_FIELDS, "  ") + `  readonly ${camel(wire)}?: Extra;\n`;
  }
  return out + "}\n" + END_TS;
}

const BEGIN_MD = "<!-- BEGIN generated from provider/roomOptions.ts by scripts/schema/options.ts -->\n";
const END_MD = "<!-- END generated room options -->\n";

/** The README's room-option table: name, wire name and a permalink's default. */
export function readmeOptionTable(): string {
  const rows = INPUT_ROOM_OPTIONS.map((option) => {
    const value = permalinkDefault(option);
    const room = value !== option.default ? ` (${shown(option.default)} for \`startRoom\`)` : "";
    const more = value !== option.default ? " for a permalink" : "";
    return `| \`${option.name}\` | \`${option.wire}\` | ${shown(value)}${more}${room} |`;
  });
  const byDefault = new Map<string, string[]>();
  for (const field of CUSTOM_FIELDS as readonly OptionSpec[]) {
    const key = shown(field.default);
    byDefault.set(key, [...(byDefault.get(key) ?? []), `\`${field.name}\``]);
  }
  const custom = [...byDefault].map(([value, names]) => `${names.join(", ")} ${value}`).join("; ");
  rows.push(`| \`customFields\` | \`custom_fields\` | \`{}\`: ${custom}; other keys pass through |`);
  return BEGIN_MD + "| Option | Wire name | Default |\n|---|---|---|\n" + rows.join("\n") + "\n" + END_MD;
}

/** Replaces the text between `begin` and `end` (both kept) in `text`. */
function replaceRegion(text: string, region: string, begin: string, end: string): string {
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`the markers ${begin.trim()} ... ${end.trim()} are missing`);
  return text.slice(0, from) + region + text.slice(to + end.length);
}

/**
 * The files with generated regions, by path relative to `root`, as generation makes them: provider/types.ts
 * and README.md with their option regions replaced (for `npm run schema`'s `generatedFiles`).
 */
export function optionFiles(root: string = ROOT): Record<string, string> {
  const regions = [
    { file: "provider/types.ts", region: optionDeclarations(), begin: BEGIN_TS, end: END_TS },
    { file: "README.md", region: readmeOptionTable(), begin: BEGIN_MD, end: END_MD },
  ];
  return Object.fromEntries(
    regions.map(({ file, region, begin, end }) => [
      file,
      replaceRegion(fs.readFileSync(path.join(root, file), "utf8"), region, begin, end),
    ]),
  );
}

/**
 * Brings the generated regions of provider/types.ts and README.md up to date; with `check`, writes nothing.
 * Answers the files that were (or would be) changed.
 */
export function updateOptionSources(check: boolean): string[] {
  const changed: string[] = [];
  for (const [file, text] of Object.entries(optionFiles())) {
    const full = path.join(ROOT, file);
    if (fs.readFileSync(full, "utf8") === text) continue;
    changed.push(file);
    if (!check) fs.writeFileSync(full, text);
  }
  return changed;
}

if (require.main === module) {
  const check = process.argv.includes("--check");
  const changed = updateOptionSources(check);
  for (const file of changed) console.log(`${check ? "out of date" : "wrote"}: ${file}`);
  if (check && changed.length > 0) {
    console.error("Run `npx ts-node --transpile-only scripts/schema/options.ts` and commit the result.");
    process.exitCode = 1;
  }
}
