/**
 * True when `a` becomes `b` by at most one edit: a letter added, dropped,
 * changed, or two neighbours swapped ("dashbord" → "dashboard",
 * "recieve" → "receive"). Enough for the typos customers make in one word.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The word a misspelling most likely meant: the most common known term one edit away from it (or from its stem). */
export function correctSpelling(
  forms: readonly string[],
  known: readonly { term: string; docs: number }[],
): string | null {
  let best: { term: string; docs: number } | null = null;
  for (const k of known) {
    if (!forms.some((f) => withinOneEdit(f, k.term))) continue;
    if (!best || k.docs > best.docs) best = k;
  }
  return best?.term ?? null;
}
