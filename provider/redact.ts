/**
 * Keeps eyeson credentials out of text that a user or a log may see.
 *
 * Three layers: the exact secrets a caller knows (the API key, the access key or token in the current path),
 * words shaped like an eyeson token, and the URL shapes that always carry a token (`?access_key=…`, `/guests/…`, `app.eyeson.team/?…`,
 * `/permalink?…`, the host token in `/permalink/<id>/users/<token>`; `docs/api-notes.md`, "Ids and tokens").
 */

import { isTokenShaped, TOKEN_SIZED_WORD } from "./tokenShape";

/** What a secret is replaced with. */
export const REDACTED = "***";

// Shapes that always carry a token, whatever the caller knows. Each keeps its prefix and hides the value.
const TOKEN_SHAPES: readonly RegExp[] = [
  /([?&](?:access_key|api_key|guest|token|user_token|guest_token)=)[^&#\s"'<>]+/gi,
  /(\/guests\/)[^/?#\s"'<>]+/g,
  /(\/permalink\/[^/?#\s"'<>]+\/users\/)[^/?#\s"'<>]+/g,
  /(app\.eyeson\.team\/(?:permalink)?\?)(?!guest=)[^&#\s"'<>]+/g,
  /("?(?:access_key|accessKey|guest_token|guestToken|user_token|userToken|api_key|apiKey|authorization)"?\s*[:=]\s*"?)[^"&,\s}]+/gi,
];

/**
 * Replaces every known secret, every token-shaped URL part, and every word shaped like an eyeson token
 * (24 alphanumerics that are not a lowercase-hex id) in `text` with `***`.
 * Secrets are also matched in their URL-encoded form, since they may have been put into a path.
 */
export function redact(text: string, secrets: Iterable<string | undefined> = []): string {
  let out = text;
  const known = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    known.add(secret);
    known.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret that contains another is removed whole.
  for (const secret of [...known].sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join(REDACTED);
  }
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, `$1${REDACTED}`);
  return out.replace(TOKEN_SIZED_WORD, (word) => (isTokenShaped(word) ? REDACTED : word));
}
