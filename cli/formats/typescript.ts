/**
 * `--format typescript` (the default): a complete Pulumi program, `index.ts`, declaring what adoption found.
 * Its declarations can also be pasted into an existing program that imports `pulumi-eyeson` as `eyeson`.
 */
import { DEFAULT_ENDPOINT } from "../../provider/config";
import type { Adoption, PermalinkDeclaration, WebhookDeclaration } from "../../provider/adoption";
import type { AdoptFormat } from "./format";

/** Renders an adoption as a TypeScript program. */
export const typescriptFormat: AdoptFormat = {
  name: "typescript",
  description: "a Pulumi program (index.ts) declaring each permalink with adoptId and the webhook",
  render: renderProgram,
  nextCommand: "pulumi up",
  refused: (count) => `${count} cannot be adopted as they are (commented out in the program)`,
};

const INDENT = "  ";
// Objects whose one-line form fits are written on one line, as a formatter would.
const INLINE_WIDTH = 80;

function renderProgram(adoption: Adoption): string {
  const variables = new UniqueIdentifiers();
  const lines: string[] = [...header(adoption), `import * as eyeson from "pulumi-eyeson";`, ""];
  const exported: string[] = [];
  for (const permalink of adoption.permalinks) {
    const variable = variables.take(permalink.resourceName);
    lines.push(...declaration(permalink, variable, "Permalink"), "");
    if (permalink.problems.length === 0) exported.push(variable);
  }
  let webhookVariable: string | undefined;
  if (adoption.webhook) {
    webhookVariable = variables.take(adoption.webhook.resourceName);
    lines.push(...declaration(adoption.webhook, webhookVariable, "Webhook"), "");
  }
  lines.push(
    exported.length === 0
      ? "export const permalinkIds = {};"
      : `export const permalinkIds = {\n${exported.map((v) => `${INDENT}${v}: ${v}.permalinkId,`).join("\n")}\n};`,
  );
  if (webhookVariable !== undefined && adoption.webhook?.problems.length === 0) {
    lines.push(`export const webhookId = ${webhookVariable}.webhookId;`);
  }
  return `${lines.join("\n")}\n`;
}

function header(adoption: Adoption): string[] {
  const count = adoption.permalinks.length;
  const found =
    `${count} permalink${count === 1 ? "" : "s"}` + (adoption.webhook ? " and the webhook" : ", no webhook");
  const lines = [
    `// The eyeson account at ${adoption.endpoint}, as read by \`pulumi-eyeson adopt\`: ${found}.`,
    "// Each declaration repeats what the API reports, with adoptId (or adoptExisting), so the first",
    "// `pulumi up` takes the objects over without changing them or creating duplicates.",
    "// Set the stack's API key first: pulumi config set --secret eyeson:apiKey <the account's key>",
  ];
  if (adoption.endpoint !== DEFAULT_ENDPOINT) {
    lines.push(`// and its endpoint: pulumi config set eyeson:endpoint ${adoption.endpoint}`);
  }
  lines.push(
    "// Further hosts of a permalink cannot be adopted (the API does not reveal their tokens): declare them",
    "// with new eyeson.PermalinkHost(...), which adds them anew.",
  );
  if ([...adoption.permalinks, ...(adoption.webhook ? [adoption.webhook] : [])].some(hasProblems)) {
    lines.push("// Declarations the resource would refuse as they are are commented out, with the reason.");
  }
  return lines;
}

function hasProblems(declaration: PermalinkDeclaration | WebhookDeclaration): boolean {
  return declaration.problems.length > 0;
}

function declaration(
  declared: PermalinkDeclaration | WebhookDeclaration,
  variable: string,
  kind: "Permalink" | "Webhook",
): string[] {
  const code = `const ${variable} = new eyeson.${kind}(${JSON.stringify(declared.resourceName)}, ${literal(
    ordered(declared.inputs),
    0,
  )});`.split("\n");
  if (declared.problems.length === 0) return code;
  const id = "permalinkId" in declared ? declared.permalinkId : declared.webhookId;
  return [
    `// Not adoptable as it is (${kind} ${id}): ${declared.problems.join("; ")}`,
    ...code.map((line) => `// ${line}`),
  ];
}

/** Puts `adoptId` first, where a reader looks for what is being taken over. */
function ordered(inputs: object): Record<string, unknown> {
  const { adoptId, ...rest } = inputs as Record<string, unknown>;
  return adoptId === undefined ? rest : { adoptId, ...rest };
}

/** A TypeScript literal for a JSON-like value: identifier keys unquoted, trailing commas when multi-line. */
function literal(value: unknown, depth: number): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => literal(item, depth + 1));
    return fits(`[${items.join(", ")}]`, depth) ? `[${items.join(", ")}]` : block("[", "]", items, depth);
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return "{}";
    const items = entries.map(([key, item]) => `${propertyKey(key)}: ${literal(item, depth + 1)}`);
    const inline = `{ ${items.join(", ")} }`;
    return fits(inline, depth) ? inline : block("{", "}", items, depth);
  }
  return JSON.stringify(value) ?? "undefined";
}

function fits(text: string, depth: number): boolean {
  return !text.includes("\n") && INDENT.length * depth + text.length <= INLINE_WIDTH;
}

function block(open: string, close: string, items: string[], depth: number): string {
  const inner = INDENT.repeat(depth + 1);
  return `${open}\n${items.map((item) => `${inner}${item},`).join("\n")}\n${INDENT.repeat(depth)}${close}`;
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally " +
    "for function if implements import in instanceof interface let new null package private protected public " +
    "return static super switch this throw true try typeof var void while with yield await eyeson"
  ).split(" "),
);

/** Variable names from resource names (`war-room-2` -> `warRoom2`), valid and unique. */
class UniqueIdentifiers {
  readonly #taken = new Set<string>();

  take(resourceName: string): string {
    let base = resourceName.replace(/-+([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/\W/g, "");
    if (!/^[A-Za-z_$]/.test(base) || RESERVED.has(base))
      base = `room${base.charAt(0).toUpperCase()}${base.slice(1)}`;
    let name = base;
    for (let n = 2; this.#taken.has(name); n++) name = `${base}${n}`;
    this.#taken.add(name);
    return name;
  }
}
