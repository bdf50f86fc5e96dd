// The environment of an offline run of the Pulumi CLI, shared by the engine specs (test/engine/harness.ts)
// and the benchmark (bench/): a private file backend and PULUMI_HOME, nothing fetched, nobody's credentials.
import * as path from "node:path";

/** The shipped `pulumi-resource-pulumi-nodejs` launcher lives at the root of the @pulumi/pulumi package. */
const DYNAMIC_PROVIDER_LAUNCHER_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

/**
 * Where the engine finds the eyeson resource plugin: `pulumi-resource-eyeson`, the built plugin under the name
 * the engine looks for on PATH (scripts/plugin; needs `npm run build`). Nothing is installed into PULUMI_HOME.
 */
export const PLUGIN_BIN_DIR = path.join(__dirname, "plugin");

/** The passphrase of every offline stack's secrets (they only ever hold emulator keys). */
export const OFFLINE_PASSPHRASE = "pulumi-eyeson-engine-tests";

/**
 * The environment of an offline engine run: a private file backend and PULUMI_HOME, a passphrase, no update
 * checks or plugin downloads, the CLI (and the dynamic-provider launcher and the eyeson plugin) first on PATH,
 * and no EYESON_* credentials of the developer's (undefined drops a variable from a child environment).
 */
export function offlineEngineEnv(opts: {
  cliBin: string;
  backendDir: string;
  pulumiHome: string;
}): Record<string, string | undefined> {
  return {
    PULUMI_BACKEND_URL: `file://${opts.backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: OFFLINE_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME: opts.pulumiHome,
    PATH: [
      path.dirname(opts.cliBin),
      DYNAMIC_PROVIDER_LAUNCHER_DIR,
      PLUGIN_BIN_DIR,
      process.env.PATH ?? "",
    ].join(path.delimiter),
    EYESON_API_KEY: undefined,
    EYESON_API_ENDPOINT: undefined,
    EYESON_LIVE_MEETINGS: undefined,
  };
}
