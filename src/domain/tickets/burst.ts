/**
 * Grouping of tickets that arrive faster than Slack lets us post cards: one
 * burst card with the count and the words that come up most.
 */
const stopWords = new Set(
  (
    'a an and are as at be but by can cannot could did do does for from get got has have i if in into is it its ' +
    'just me my no not of on or our please so that the their them then there this to up us was we were what when ' +
    'where which who why will with you your hi hello thanks thank any all am been how also again im dont cant'
  ).split(' '),
);

/** The `limit` most common words (3+ letters, no stop words), most frequent first, ties alphabetical. */
export function commonWords(texts: string[], limit = 5): { word: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    // Each ticket counts a word once, so one long rant does not dominate the burst.
    const seen = new Set(text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? []);
    for (const raw of seen) {
      const w = raw.replace(/'s$/, '');
      if (w.length < 3 || stopWords.has(w) || /^\d+$/.test(w)) continue;
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word))
    .slice(0, limit);
}

/**
 * Whether the channel is in a burst: more tickets waiting for a card than the
 * lane can post within `windowMs`. One card per `intervalMs` is Slack's pace.
 */
export function isBurst(waitingCards: number, intervalMs: number, windowMs = 5000): boolean {
  return waitingCards * intervalMs > windowMs;
}
