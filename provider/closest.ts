/**
 * "Did you mean …" for a misspelt name: the known name closest to what was written. TypeScript programs get no
 * such hint from `tsc` for a key inside an object literal that is passed through `pulumi.Input`, and YAML
 * programs get no type check at all, so the checks name the likely key themselves.
 */

/**
 * The name in `known` that `word` most likely meant, or undefined when none is close. A name that differs only
 * in case, `_` or `-` (eyeson's wire names are snake_case, ours camelCase) always matches; otherwise at most
 * one edit per three characters (at least one), counting a swap of two neighbours as one edit.
 */
export function closestName(word: string, known: readonly string[]): string | undefined {
  const wanted = normalised(word);
  const exact = known.find((name) => normalised(name) === wanted);
  if (exact !== undefined) return exact;
  const allowed = Math.max(1, Math.floor(wanted.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(wanted, normalised(name));
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/**
 * The reason a check gives for the unknown key `word`: the closest known name when there is one, the whole
 * list otherwise (a list of twenty names hides the one that was meant).
 */
export function unknownKeyReason(word: string, known: readonly string[]): string {
  const name = closestName(word, known);
  return name === undefined
    ? `unknown property; expected one of ${known.join(", ")}`
    : `unknown property; did you mean ${name}?`;
}

function normalised(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, "");
}

/** Edits (insert, delete, substitute, swap of neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, d[i - 2][j - 2] + 1);
      }
      d[i][j] = value;
    }
  }
  return d[a.length][b.length];
}
