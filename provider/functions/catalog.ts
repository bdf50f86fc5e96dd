/**
 * Every eyeson function's declaration, loaded: what the plugin serves, the schema generator describes and the
 * docs specs check. A function module declares each function once (`defineFunction`); nothing lists them again.
 */
import "./index";
import { declaredFunctions, type EyesonFunction } from "./invoke";

/** Every declared function, in the order the functions module declares them. */
export const FUNCTIONS: readonly EyesonFunction<never, unknown>[] = declaredFunctions();

/** The read-only functions (`sideEffect: false`): the ones that may run during a preview, and so as invokes. */
export const READ_ONLY: readonly EyesonFunction<never, unknown>[] = FUNCTIONS.filter(
  (fn) => !fn.spec.sideEffect,
);
