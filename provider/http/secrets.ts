/**
 * The credentials the client handles besides the API key: their field names, and the values it has seen in
 * responses, remembered so a later error message can never echo one (`docs/api-notes.md`, "Credentials").
 */

/**
 * Fields (camelCase) whose value is a credential: an access key, a guest token or a host token. The same
 * names mark the path parameters that are credentials (see the `endpoints/endpoint` module).
 */
export const CREDENTIAL_FIELDS: ReadonlySet<string> = new Set(["accessKey", "guestToken", "userToken"]);

/** True when `field` (camelCase) holds a credential. */
export function isCredentialField(field: string): boolean {
  return CREDENTIAL_FIELDS.has(field);
}

const MAX_LEARNED_SECRETS = 256;

/** The credentials a client has received, newest last, at most 256 (the oldest is forgotten first). */
export class LearnedSecrets {
  readonly #values = new Set<string>();

  /** Remembers `secret` as the newest. */
  readonly learn = (secret: string): void => {
    this.#values.delete(secret);
    this.#values.add(secret);
    // Oldest first out: a Set iterates in insertion order.
    if (this.#values.size > MAX_LEARNED_SECRETS)
      this.#values.delete(this.#values.values().next().value as string);
  };

  /** Every remembered credential. */
  values(): IterableIterator<string> {
    return this.#values.values();
  }
}
