/**
 * Warnings from a provider process to the Pulumi engine, attached to a resource.
 *
 * The engine starts every provider process, the dynamic-provider host of `pulumi-nodejs` and the plugin
 * `pulumi-resource-eyeson` alike, with the address of its own gRPC service as the first argument after the
 * logging flags (`buildPluginArguments` in Pulumi's plugin.go; the SDK's `parseArgs` in
 * `@pulumi/pulumi/provider/internals` reads it the same way). That service's `Log` call takes a severity, a
 * message and a URN: a `WARNING` with the resource's URN is shown under that resource in the preview and in the
 * "Diagnostics" section, as a warning, and leaves the operation green.
 *
 * The SDK's own `pulumi.log.warn` calls that same service, but only once the runtime knows the address
 * (`PULUMI_NODEJS_ENGINE`, read when the runtime's settings are first made, or `pulumi.runtime.resetOptions`,
 * which the SDK's provider server calls for `construct`). Neither fits a provider process: the variable is not
 * set there and is read too early to set it ourselves, and `resetOptions` replaces the whole runtime state of a
 * process that the dynamic-provider host shares with every other dynamic provider of the program. Without an
 * address `pulumi.log.warn` writes to stderr, which the engine shows as an unlabelled info line, not a warning
 * on the resource. So this module opens its own client to the engine, from the gRPC stubs and the gRPC library
 * of the installed `@pulumi/pulumi` (the very copies the SDK uses), and sends the `Log` request itself.
 */
import { createRequire } from "node:module";
import * as engineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";

/** Where a provider's warnings go: `message` shown as a warning on the resource `urn` (or the stack without one). */
export type WarningSink = (message: string, urn?: string) => Promise<void>;

/**
 * The engine's address among a provider process's arguments: the first one that is not a logging flag
 * (`--logtostderr`, `-v=N`, `--tracing <endpoint>`), when it looks like `host:port`.
 */
export function engineAddressOf(args: readonly string[]): string | undefined {
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--logtostderr" || arg.startsWith("-v=")) continue;
    if (arg === "--tracing") {
      i++;
      continue;
    }
    rest.push(arg);
  }
  const address = rest[0];
  return address !== undefined && /^(\[[0-9a-f:.]+\]|[\w.-]+):\d+$/i.test(address) ? address : undefined;
}

/** The part of @grpc/grpc-js this module uses (loaded from @pulumi/pulumi's dependencies, see above). */
interface GrpcCredentials {
  readonly credentials: { createInsecure(): ConstructorParameters<typeof engineGrpc.EngineClient>[1] };
}

/**
 * A sink that sends each warning to the engine at `address`. A warning the engine cannot take (it went away)
 * goes to stderr instead, so it is never lost; the operation itself never fails because of a warning.
 */
export function engineWarnings(address: string): WarningSink {
  let client: engineGrpc.EngineClient | undefined;
  return (message, urn) =>
    new Promise<void>((resolve) => {
      try {
        if (client === undefined) {
          const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
          const grpc = pulumiRequire("@grpc/grpc-js") as GrpcCredentials;
          client = new engineGrpc.EngineClient(address, grpc.credentials.createInsecure());
        }
        const request = new engineProto.LogRequest();
        request.setSeverity(engineProto.LogSeverity.WARNING);
        request.setMessage(message);
        request.setUrn(urn ?? "");
        client.log(request, (err) => {
          if (err) stderrWarning(message);
          resolve();
        });
      } catch {
        stderrWarning(message);
        resolve();
      }
    });
}

/** The sink of a process the engine did not start (a test, a script using the provider classes): stderr. */
export const stderrWarnings: WarningSink = async (message) => stderrWarning(message);

function stderrWarning(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}

/**
 * The sink of this process: the engine's, when this process is the dynamic-provider host of @pulumi/pulumi
 * (its main module is `cmd/dynamic-provider`) started with the engine's address; stderr otherwise.
 */
export function dynamicHostWarnings(): WarningSink {
  const main = require.main?.filename ?? "";
  const address = /[\\/]cmd[\\/]dynamic-provider([\\/]index\.js)?$/.test(main)
    ? engineAddressOf(process.argv.slice(2))
    : undefined;
  return address === undefined ? stderrWarnings : engineWarnings(address);
}
