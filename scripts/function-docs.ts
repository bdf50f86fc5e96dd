// Writes the `@param` and `@example` parts of every exported function's TSDoc in
// provider/functions/, derived from the function's own types, so the 76 editor hovers stay alike and in step
// with the arguments. The summary above them is written by hand and kept. `--check` changes nothing and exits
// 1 when a file would change (test/docs/functions-tsdoc.spec.ts runs it).
//
//   npx ts-node --transpile-only scripts/function-docs.ts [--check]
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const DIR = path.resolve(__dirname, "..", "provider", "functions");

/** Example values of arguments, by name: `promise` in the Promise form, `output` in the Output form. */
const VALUES: Record<string, { promise: string; output: string }> = {
  accessKey: { promise: "accessKey", output: "meeting.accessKey" },
  userToken: { promise: "userToken", output: "warRoom.userToken" },
  guestToken: { promise: "guestToken", output: "warRoom.guestToken" },
  permalinkId: { promise: '"6643685b858f54f55edef723"', output: "warRoom.permalinkId" },
  roomId: { promise: "roomId", output: "meeting.room.id" },
  user: { promise: '{ name: "Incident lead", id: "lead" }', output: '{ name: "Incident lead", id: "lead" }' },
  userId: { promise: '"oncall-primary"', output: '"oncall-primary"' },
  name: { promise: '"Guest"', output: '"Guest"' },
  content: { promise: '"INC-1042 - room open"', output: '"INC-1042 - room open"' },
  playId: { promise: '"intro"', output: '"intro"' },
  streamUrl: { promise: "streamUrl", output: 'config.requireSecret("streamUrl")' },
  playerUrl: {
    promise: '"https://watch.example.com/incident"',
    output: '"https://watch.example.com/incident"',
  },
  recordingId: { promise: "recordingId", output: "recordingId" },
  snapshotId: { promise: "snapshotId", output: "snapshotId" },
  forwardId: { promise: '"to-studio"', output: '"to-studio"' },
  type: { promise: '["audio", "video"]', output: '["audio", "video"]' },
};

/** Arguments an example shows although they are optional, because the call means little without them. */
const EXTRA: Record<string, Record<string, string>> = {
  setLayout: { layout: '"custom"', name: '"present-upper-6"' },
  addLayer: { url: '"https://status.example.com/dashboard.png"', zIndex: "-1" },
  startPlayback: { url: '"https://media.example.com/intro.mp4"' },
  forwardSource: { url: '"https://whip.example.com/ingest"' },
  forwardMcu: { url: '"https://whip.example.com/ingest"' },
  forwardPlayback: { url: '"https://whip.example.com/ingest"' },
  listPermalinks: { all: "true" },
};

/** Where the example's free names come from, said once above the example when it uses them. */
const CONTEXT: Record<string, string> = {
  warRoom: "`warRoom` is an `eyeson.Permalink`",
  meeting: "`meeting` is `eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken })`",
  config: "`config` is a `pulumi.Config`",
};

interface FunctionInfo {
  readonly name: string;
  readonly output: boolean;
  readonly base: string;
  readonly required: readonly string[];
  readonly optional: readonly string[];
  readonly argsType: string;
}

function functionsOf(): Map<string, FunctionInfo> {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".ts"));
  const program = ts.createProgram(
    files.map((f) => path.join(DIR, f)),
    { strict: true, noEmit: true },
  );
  const checker = program.getTypeChecker();
  const found = new Map<string, FunctionInfo>();
  for (const file of files) {
    const source = program.getSourceFile(path.join(DIR, file));
    if (source === undefined) continue;
    for (const statement of source.statements) {
      if (!ts.isFunctionDeclaration(statement) || statement.name === undefined) continue;
      if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      const [args, opts] = statement.parameters;
      if (args === undefined || args.type === undefined || statement.type === undefined) continue;
      // The eyeson functions, each `(args, opts?: EyesonInvokeOptions)`; not the helpers beside them.
      if (opts?.type?.getText(source) !== "EyesonInvokeOptions") continue;
      const name = statement.name.text;
      const output = name.endsWith("Output");
      const base = output ? name.slice(0, -"Output".length) : name;
      const props = checker.getTypeAtLocation(args).getProperties();
      const isOptional = (p: ts.Symbol): boolean => (p.flags & ts.SymbolFlags.Optional) !== 0;
      found.set(name, {
        name,
        output,
        base,
        required: props.filter((p) => !isOptional(p)).map((p) => p.name),
        optional: props.filter(isOptional).map((p) => p.name),
        argsType: args.type.getText(source),
      });
    }
  }
  return found;
}

function fieldList(fn: FunctionInfo): string {
  const fields = [...fn.required.map((f) => `\`${f}\``), ...fn.optional.map((f) => `\`${f}?\``)];
  return fields.length === 0 ? "no field is required" : fields.join(", ");
}

function example(fn: FunctionInfo): string[] {
  const values = new Map<string, string>();
  const extra = EXTRA[fn.base] ?? {};
  for (const field of fn.required) {
    const value = VALUES[field];
    if (extra[field] !== undefined) values.set(field, extra[field]);
    else if (value !== undefined) values.set(field, fn.output ? value.output : value.promise);
    else throw new Error(`${fn.name}: no example value for ${field}; add one to VALUES or EXTRA`);
  }
  for (const [field, value] of Object.entries(extra)) values.set(field, value);
  const shorthand = [...values].map(([field, value]) => (field === value ? field : `${field}: ${value}`));
  const head = fn.output ? `const result = eyeson.${fn.name}(` : `const result = await eyeson.${fn.name}(`;
  const oneLine = `${head}${shorthand.length === 0 ? "{}" : `{ ${shorthand.join(", ")} }`});`;
  // Too long for one line: one argument per line, as prettier writes it.
  const call =
    oneLine.length <= 100 ? [oneLine] : [`${head}{`, ...shorthand.map((part) => `  ${part},`), "});"];
  const used = Object.keys(CONTEXT).filter((name) =>
    call.some((line) => new RegExp(`\\b${name}\\.`).test(line)),
  );
  return [...(used.length > 0 ? [`// ${used.map((name) => CONTEXT[name]).join("; ")}`] : []), ...call];
}

function tags(fn: FunctionInfo): string[] {
  const args = fn.output
    ? `@param args - The arguments as Pulumi inputs (\`${fn.argsType}\`, see {@link ${fn.base.charAt(0).toUpperCase()}${fn.base.slice(1)}Args}): ${fieldList(fn)}.`
    : `@param args - The arguments ({@link ${fn.argsType}}): ${fieldList(fn)}.`;
  return [
    args,
    "@param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).",
    "@example",
    "```ts",
    ...example(fn),
    "```",
  ];
}

/** The TSDoc of `fn`: the hand-written summary (everything before the first tag) and the derived tags. */
function docOf(existing: string, fn: FunctionInfo): string {
  const body = existing
    .split("\n")
    .map((line) => line.replace(/^\s*\/?\*\*?\/?\s?/, "").replace(/\s*\*\/$/, ""))
    .join("\n");
  const summary = body.split(/\n@|^@/)[0].trim();
  const lines = [...summary.split("\n"), "", ...tags(fn).flatMap((t) => wrapText(t))];
  return `/**\n${lines.map((line) => (line === "" ? " *" : ` * ${line}`)).join("\n")}\n */`;
}

/** A prose line of a tag wrapped at 110 characters (code and fences are left as they are). */
function wrapText(text: string): string[] {
  if (!text.startsWith("@param")) return [text];
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + word.length + 1 > 110) {
      out.push(line);
      line = `  ${word}`;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  out.push(line);
  return out;
}

function main(): number {
  const check = process.argv.includes("--check");
  const functions = functionsOf();
  const stale: string[] = [];
  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith(".ts"))) {
    const full = path.join(DIR, file);
    const text = fs.readFileSync(full, "utf8");
    const next = text.replace(
      /\/\*\*(?:(?!\*\/)[\s\S])*\*\/(?=\nexport function (\w+)\()/g,
      (doc, name: string) => {
        const fn = functions.get(name);
        return fn === undefined ? doc : docOf(doc, fn);
      },
    );
    if (next === text) continue;
    stale.push(path.relative(process.cwd(), full));
    if (!check) fs.writeFileSync(full, next);
  }
  if (check && stale.length > 0) {
    console.error(
      `function docs out of date in ${stale.join(", ")}: run npx ts-node --transpile-only scripts/function-docs.ts`,
    );
    return 1;
  }
  return 0;
}

process.exitCode = main();
