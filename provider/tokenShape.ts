/**
 * The shape of eyeson's credentials: access keys and tokens are 24 alphanumerics, while its ids are 24
 * lowercase hex digits (`docs/api-notes.md`, "Ids and tokens"). The provider's redaction hides every
 * token-shaped word of a text; the emulator's request log hides every token-shaped path segment. Both ask
 * `isTokenShaped`, so an id stays readable in both and a token in neither.
 */

/** The length of an eyeson access key, guest token or host token (and of an id). */
export const TOKEN_LENGTH = 24;

/** Every word of 24 alphanumerics in a text (global: use with `replace`), whether a token or an id. */
export const TOKEN_SIZED_WORD = /(?<![A-Za-z0-9])[A-Za-z0-9]{24}(?![A-Za-z0-9])/g;

const TOKEN = /^[A-Za-z0-9]{24}$/;
const OBJECT_ID = /^[0-9a-f]{24}$/;

/** True for a word shaped like an eyeson credential: 24 alphanumerics that are not a lowercase-hex id. */
export function isTokenShaped(word: string): boolean {
  return TOKEN.test(word) && !OBJECT_ID.test(word);
}
