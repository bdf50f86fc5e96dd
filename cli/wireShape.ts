/**
 * Describing an answer's shape without its values, for `pulumi-eyeson doctor`: what kind of JSON a field
 * holds ("a string", "an array", "absent"), never what it holds, so no token or key can reach a report.
 */

/** The kind of a JSON value, as a report says it. */
export type Kind = "absent" | "null" | "a string" | "a number" | "a boolean" | "an array" | "an object";

/** The kind of `value`; `undefined` is a field that is not there. */
export function kindOf(value: unknown): Kind {
  if (value === undefined) return "absent";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    default:
      return "an object";
  }
}

/** The value at a dotted wire path (`permalink.id`), or undefined. */
export function at(body: unknown, path: string): unknown {
  let value = body;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A body's JSON, or a marker for an empty body or one that is not JSON. */
export type ParsedBody = { readonly json: unknown } | { readonly empty: true } | { readonly notJson: true };

/** Parses an answer's body. */
export function parseBody(text: string): ParsedBody {
  if (text.trim() === "") return { empty: true };
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return { notJson: true };
  }
}

/** How a report names a body: "an empty body", "a body that is not JSON", or the kind of its JSON. */
export function describeBody(body: ParsedBody): string {
  if ("empty" in body) return "an empty body";
  if ("notJson" in body) return "a body that is not JSON";
  return `${kindOf(body.json)} (JSON)`;
}

/** True for an ISO 8601 timestamp with a date and a time (the API's `created_at`, `expires_at`). */
export function isIsoTimestamp(value: unknown): boolean {
  return (
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value) && !isNaN(Date.parse(value))
  );
}
