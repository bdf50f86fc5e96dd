#!/usr/bin/env node
/**
 * `pulumi-resource-eyeson`: the eyeson resource plugin. The engine starts it (found on PATH, or installed as a
 * plugin) with its own address; it serves the `eyeson` package over gRPC with `pulumi.provider.main` and prints
 * the port it listens on. See `provider.ts` for what it serves and `configure.ts` for how it is configured.
 */
import * as pulumi from "@pulumi/pulumi";
import { engineAddressOf, engineWarnings, stderrWarnings } from "../provider/resources/engineLog";
import { interceptConfigure } from "./configure";
import { packageRoot, packageSchema, packageVersion } from "./package";
import { EyesonProvider } from "./provider";

const root = packageRoot();
// The engine passes its address first (after logging flags); warnings go there (see engineLog.ts).
const engine = engineAddressOf(process.argv.slice(2));
const provider = new EyesonProvider({
  version: packageVersion(root),
  schema: packageSchema(root),
  warn: engine === undefined ? stderrWarnings : engineWarnings(engine),
});
interceptConfigure((config) => provider.configure(config));
pulumi.provider.main(provider, process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(
    `pulumi-resource-eyeson failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exitCode = 1;
});
