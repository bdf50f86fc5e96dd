/**
 * Every eyeson function, each in a Promise form and an Output form, with their argument and result types.
 * The shared machinery in the `invoke` module stays internal except the options and input helper types.
 */
export type { DeepInput, EyesonDependency, EyesonInvokeOptions, InputArgs, Known } from "./invoke";
export * from "./rooms";
export * from "./users";
export * from "./permalinks";
export * from "./activities";
export * from "./media";
export * from "./recordings";
export * from "./snapshots";
export * from "./forwards";
export * from "./webhooks";
