/**
 * How the stack's `eyeson:*` configuration reaches the plugin.
 *
 * The engine sends a provider its configuration once, in `Configure`: `args` holds the provider's inputs
 * (`apiKey`, `endpoint`; a secret in wire form when the stack stores it encrypted) and `variables` the same
 * values as strings keyed `eyeson:config:<key>`. The Node provider server of @pulumi/pulumi (3.276 and the
 * versions before it, `Server.configure` in `provider/server.js`) answers `Configure` without passing either to
 * the provider: its `Provider` interface has no configure method. So the plugin reads the request where the
 * server decodes it, at the `Configure` method of the gRPC service definition the server registers, before
 * `pulumi.provider.main` starts serving. No environment variable is involved; `EYESON_API_KEY` and
 * `EYESON_API_ENDPOINT` remain the fallback they are for the dynamic resources.
 */
import * as providerGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import type { ConfigureRequest } from "@pulumi/pulumi/proto/provider_pb";
import { isBag, reveal } from "./wire";

/** The plugin's configuration: the stack's `eyeson:apiKey` and `eyeson:endpoint` (or an explicit provider's). */
export interface PluginConfig {
  /** The API key; never logged, never part of a message. */
  readonly apiKey?: string;
  /** The API endpoint. */
  readonly endpoint?: string;
  /** `protect` or `allow` for steps that would end a running meeting (the `liveMeetings` module). */
  readonly liveMeetings?: string;
}

/** The configuration keys, as the provider's inputs name them (the stack config adds `eyeson:`). */
export const CONFIG_PROPERTIES = ["apiKey", "endpoint", "liveMeetings"] as const;

/** The configuration in a `Configure` request: `args` first, `variables` where `args` lacks a key. */
export function configOf(request: ConfigureRequest): PluginConfig {
  const args = reveal(request.getArgs()?.toJavaScript() ?? {});
  const variables = request.getVariablesMap();
  const config: { -readonly [K in keyof PluginConfig]: PluginConfig[K] } = {};
  for (const key of CONFIG_PROPERTIES) {
    const fromArgs = isBag(args) ? args[key] : undefined;
    const value = typeof fromArgs === "string" ? fromArgs : variables.get(`eyeson:config:${key}`);
    if (typeof value === "string" && value.trim() !== "") config[key] = value;
  }
  return config;
}

let listener: ((config: PluginConfig) => void) | undefined;

/**
 * Calls `onConfigure` with the configuration of every `Configure` request the server receives. Must run before
 * `pulumi.provider.main`, which registers the service definition with gRPC (a later change is not seen).
 */
export function interceptConfigure(onConfigure: (config: PluginConfig) => void): void {
  listener = onConfigure;
  const method = providerGrpc.ResourceProviderService.configure;
  const decode = method.requestDeserialize as typeof method.requestDeserialize & { eyeson?: true };
  if (decode.eyeson) return;
  const intercepting = Object.assign(
    (bytes: Buffer): ConfigureRequest => {
      const request = decode(bytes);
      listener?.(configOf(request));
      return request;
    },
    { eyeson: true as const },
  );
  method.requestDeserialize = intercepting;
}
