import { stemWord, terms, words } from './terms';

/**
 * The words most tickets share, counted once per ticket and by stem (so
 * "invoice" and "invoices" are one), each shown in the form customers used
 * most. Stop words, one-letter words and bare numbers are left out; each text's
 * opening 500 characters are read, which is where it says what it is about.
 */
export function frequentWords(texts: readonly string[], limit: number): { term: string; tickets: number }[] {
  const byStem = new Map<string, { tickets: number; forms: Map<string, number> }>();
  const isTerm = new Map<string, boolean>();
  for (const text of texts) {
    const seen = new Set<string>();
    for (const w of words(text.slice(0, 500))) {
      let keep = isTerm.get(w);
      if (keep === undefined) {
        keep = /\p{L}/u.test(w) && terms(w).length === 1;
        isTerm.set(w, keep);
      }
      if (!keep) continue;
      const stem = stemWord(w);
      let e = byStem.get(stem);
      if (!e) {
        e = { tickets: 0, forms: new Map() };
        byStem.set(stem, e);
      }
      e.forms.set(w, (e.forms.get(w) ?? 0) + 1);
      if (!seen.has(stem)) {
        seen.add(stem);
        e.tickets += 1;
      }
    }
  }
  return [...byStem.values()]
    .map((e) => ({
      term: [...e.forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0],
      tickets: e.tickets,
    }))
    .sort((a, b) => b.tickets - a.tickets || a.term.localeCompare(b.term))
    .slice(0, limit);
}
