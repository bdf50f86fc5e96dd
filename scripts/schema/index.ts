/**
 * `npm run schema`: writes schema.json and provider/resources/declaredTypes.ts from the declarations, so neither
 * is edited by hand. `npm run schema -- --check` writes nothing and fails when either differs from a fresh
 * generation (CI runs it).
 *
 * The parts: the package's own fields and configuration (here), the resources and their types
 * (scripts/schema/resources.ts, from provider/resources/declarations.ts), the functions and their result types
 * (scripts/schema/functions.ts) and the option types (scripts/schema/options.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as prettier from "prettier";
import { CONFIG_PROPERTIES } from "../../plugin/configure";
import { functionsSection, functionTypes } from "./functions";
import { optionFiles, optionTypes } from "./options";
import { declaredTypesSource, resourcesSection, resourceTypes } from "./resources";

const ROOT = path.resolve(__dirname, "..", "..");
const USER_INPUT = "eyeson:index:UserInput";

/** The configuration the provider takes (the stack's `eyeson:*` keys, or an explicit provider's inputs). */
const CONFIG: Record<(typeof CONFIG_PROPERTIES)[number], Record<string, unknown>> = {
  apiKey: {
    type: "string",
    description:
      "The eyeson API key (`pulumi config set --secret eyeson:apiKey <key>`); falls back to the EYESON_API_KEY " +
      "environment variable.",
    secret: true,
  },
  endpoint: {
    type: "string",
    description:
      "The eyeson API endpoint (https://, or http:// to a loopback address for the emulator); falls back to " +
      "EYESON_API_ENDPOINT, else https://api.eyeson.team.",
  },
  liveMeetings: {
    type: "string",
    description:
      "`protect` (the default) or `allow`: whether `up` and `destroy` may delete or replace a room, or remove a " +
      "host, while a meeting runs in it. The EYESON_LIVE_MEETINGS environment variable wins over it for one run; " +
      "a resource's own `liveMeetings` wins over both.",
  },
};

/** The whole package schema as an object, in the order of its sections. */
export function packageSchema(): Record<string, unknown> {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    version: string;
  };
  return {
    name: "eyeson",
    displayName: "eyeson",
    version: manifest.version,
    description:
      "Standing eyeson meeting rooms, their hosts and the API key's webhook as Pulumi resources, and eyeson's " +
      "read-only calls as functions.",
    keywords: ["pulumi", "eyeson", "video-meeting", "category/utility", "kind/native"],
    homepage: "https://github.com/pulumi-eyeson/pulumi-eyeson#readme",
    repository: "https://github.com/pulumi-eyeson/pulumi-eyeson",
    license: "Apache-2.0",
    publisher: "pulumi-eyeson",
    meta: { moduleFormat: "(.*)" },
    config: { variables: CONFIG },
    provider: {
      description: "The provider type for the eyeson package: one eyeson account (API key and endpoint).",
      inputProperties: CONFIG,
    },
    resources: resourcesSection(),
    functions: functionsSection(),
    // The user type first and the enum of the resources' own setting last, as the schema has always had them.
    types: (({ [USER_INPUT]: user, ...rest }) => ({
      [USER_INPUT]: user,
      ...optionTypes(),
      ...functionTypes(),
      ...rest,
    }))(resourceTypes()),
    language: {
      csharp: { rootNamespace: "PulumiEyeson", packageReferences: { Pulumi: "3.*" } },
      go: {
        importBasePath: "github.com/pulumi-eyeson/pulumi-eyeson/sdk/go/eyeson",
        generateResourceContainerTypes: true,
      },
      nodejs: { packageName: "@pulumi-eyeson/eyeson", dependencies: { "@pulumi/pulumi": "^3.0.0" } },
      // The SDK's version is the package's: without it gen-sdk writes 0.0.0, and a Python program then asks the
      // engine for a plugin at v0.0.0, which `pulumi plugin install resource eyeson <version>` never provides.
      python: {
        packageName: "pulumi_eyeson",
        requires: { pulumi: ">=3.0.0,<4.0.0" },
        respectSchemaVersion: true,
      },
    },
  };
}

/** The generated files, by path relative to `root`, formatted as the repository's prettier config says. */
export async function generatedFiles(root: string = ROOT): Promise<Record<string, string>> {
  const format = async (file: string, text: string, parser: string): Promise<string> => {
    const options = (await prettier.resolveConfig(path.join(root, file))) ?? {};
    return prettier.format(text, { ...options, parser });
  };
  return {
    // The generated regions of provider/types.ts (the option types) and README.md (the option table).
    ...optionFiles(root),
    "schema.json": await format("schema.json", JSON.stringify(packageSchema(), null, 2), "json"),
    "provider/resources/declaredTypes.ts": await format(
      "provider/resources/declaredTypes.ts",
      declaredTypesSource(),
      "typescript",
    ),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const check = argv.includes("--check");
  const stale: string[] = [];
  for (const [file, text] of Object.entries(await generatedFiles())) {
    const target = path.join(ROOT, file);
    const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : undefined;
    if (current === text) continue;
    if (check) stale.push(file);
    else fs.writeFileSync(target, text);
  }
  if (stale.length > 0) {
    process.stderr.write(
      `${stale.join(", ")} differ${stale.length === 1 ? "s" : ""} from a fresh generation: run \`npm run schema\` ` +
        "and commit the result (never edit them by hand).\n",
    );
    return 1;
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
