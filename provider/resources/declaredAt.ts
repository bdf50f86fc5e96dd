/**
 * Program-side facts about where a resource is declared: the parts its create key is derived from, and the URN
 * the engine gives it. Imported by the resource classes a program declares, so it holds no HTTP code.
 */
import type * as pulumi from "@pulumi/pulumi";
import { createUrn } from "@pulumi/pulumi/resource";
import { getOrganization, getProject, getStack } from "@pulumi/pulumi/metadata";
import { dynamicType, type ResourceDeclaration } from "./declare";
import { URN_KEY } from "./hostCalls";

/**
 * Where a resource is declared, as the parts of its create key: organization (where the SDK knows one),
 * project, stack, type and name. Program side only.
 */
export function declaredIn(type: string, name: string): string[] {
  let organization = "";
  try {
    organization = getOrganization();
  } catch {
    // An SDK without organizations: the other parts still tell stacks apart.
  }
  return [organization, getProject(), getStack(), type, name];
}

/**
 * The URN the dynamic resource `resource` declared as `name` gets, as the engine-internal input that lets its
 * messages name it (see the `hostCalls` module). Program side only.
 */
export function declaredUrn(
  resource: ResourceDeclaration,
  name: string,
  opts: pulumi.CustomResourceOptions | undefined,
): { [URN_KEY]: pulumi.Output<string> } {
  return { [URN_KEY]: createUrn(name, dynamicType(resource), opts?.parent) };
}
