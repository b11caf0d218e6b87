import { foldText, terms } from './terms';

/** The topic of a ticket that matches no configured topic. */
export const otherTopic = 'other';

/** Topic name → the words, phrases or `/regex/` entries that signal it, in config order. */
export type TopicConfig = Readonly<Record<string, readonly string[]>>;

type Entry = { kind: 'phrase'; stems: string[] } | { kind: 'regex'; re: RegExp };

interface Matcher {
  names: string[];
  /** Every usable config entry, flat: its topic's index and what it matches. */
  entries: { topic: number; entry: Entry }[];
  /** A one-word entry's stem → the entries it stands for. */
  exact: Map<string, number[]>;
  /** The same stems with one letter left out, for a customer's slip ("invocie", "парль"). */
  near: Map<string, number[]>;
  /** A text stem → the entries it matches and how well: words recur, so each is worked out once. */
  seen: Map<string, [number, number][]>;
}

/** Only this much of a ticket is read: its opening says what it is about, and intake stays cheap. */
const readChars = 500;
/** A letter missing or extra is forgiven from this stem length on: in a short word it makes another word. */
const fuzzyMinLength = 5;
/** A letter changed or two swapped only from this length on ("chang" is not "charg"). */
const swapMinLength = 6;
/** Longer tokens (hashes, ids, a run of one letter) are only compared whole. */
const fuzzyMaxLength = 30;
/** A near match counts a little less than an exact one, so the exact reading wins a tie. */
const nearWeight = 0.8;
/** Bounds the per-matcher and per-word memo; cleared when full, as new words are rare after warm-up. */
const memoLimit = 50_000;

const compiled = new WeakMap<TopicConfig, Matcher>();
const stemMemo = new Map<string, string | null>();

/** `/pattern/flags` as written in the config, or null for a plain word or phrase. */
export function topicPattern(entry: string): RegExp | null {
  const m = /^\/(.+)\/([imsu]*)$/s.exec(entry.trim());
  if (!m) return null;
  return new RegExp(m[1]!, m[2]!.includes('u') ? m[2] : `${m[2]}u`);
}

/** The text's stems with one letter left out, each once. */
function deletions(stem: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < stem.length; i += 1) out.add(stem.slice(0, i) + stem.slice(i + 1));
  return [...out];
}

function add(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

function compile(topics: TopicConfig): Matcher {
  const m: Matcher = { names: Object.keys(topics), entries: [], exact: new Map(), near: new Map(), seen: new Map() };
  m.names.forEach((name, topic) => {
    for (const raw of topics[name]!) {
      let re: RegExp | null = null;
      try {
        re = topicPattern(raw);
      } catch {
        continue; // the config check names a broken pattern; here it simply never matches
      }
      const id = m.entries.length;
      if (re) {
        m.entries.push({ topic, entry: { kind: 'regex', re } });
        continue;
      }
      const stems = terms(raw);
      if (stems.length === 0) continue;
      m.entries.push({ topic, entry: { kind: 'phrase', stems } });
      if (stems.length > 1) continue;
      add(m.exact, stems[0]!, id);
      if (stems[0]!.length >= fuzzyMinLength) for (const d of deletions(stems[0]!)) add(m.near, d, id);
    }
  });
  return m;
}

function matcherFor(topics: TopicConfig): Matcher {
  let m = compiled.get(topics);
  if (!m) {
    m = compile(topics);
    compiled.set(topics, m);
  }
  return m;
}

/** One folded word's stem, or null for a stop word or a lone letter (as `terms` decides). */
function stemOf(word: string): string | null {
  let s = stemMemo.get(word);
  if (s === undefined) {
    const t = terms(word);
    s = t.length === 1 ? t[0]! : null;
    if (stemMemo.size >= memoLimit) stemMemo.clear();
    stemMemo.set(word, s);
  }
  return s;
}

/** The entries one text stem matches: exactly (weight 1), or one letter off (a little less). */
function matchesOf(m: Matcher, s: string): [number, number][] {
  let found = m.seen.get(s);
  if (found) return found;
  const best = new Map<number, number>();
  const credit = (ids: number[] | undefined, weight: number) => {
    for (const id of ids ?? []) if ((best.get(id) ?? 0) < weight) best.set(id, weight);
  };
  credit(m.exact.get(s), 1);
  if (s.length >= fuzzyMinLength - 1 && s.length <= fuzzyMaxLength) {
    credit(m.near.get(s), nearWeight); // a letter missing
    if (s.length >= fuzzyMinLength + 1) {
      for (const d of deletions(s)) {
        credit(m.exact.get(d), nearWeight); // a letter extra
        if (d.length >= swapMinLength - 1) credit(m.near.get(d), nearWeight); // a letter changed, or two swapped
      }
    }
  }
  found = [...best.entries()];
  if (m.seen.size >= memoLimit) m.seen.clear();
  m.seen.set(s, found);
  return found;
}

function containsRun(stems: string[], run: string[]): boolean {
  outer: for (let i = 0; i + run.length <= stems.length; i += 1) {
    for (let j = 0; j < run.length; j += 1) if (stems[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}

/** Each topic's score for a text: the configured entries it mentions, each once. */
export function scoreTopics(text: string, topics: TopicConfig): { topic: string; score: number }[] {
  const m = matcherFor(topics);
  const folded = foldText(text.slice(0, readChars));
  const stems: string[] = [];
  // The split of `words`, on text already folded (folding is most of its cost).
  for (const w of folded.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const s = stemOf(w);
    if (s !== null) stems.push(s);
  }
  const weight = new Float64Array(m.entries.length);
  for (const s of new Set(stems)) for (const [id, w] of matchesOf(m, s)) if (weight[id]! < w) weight[id] = w;
  m.entries.forEach(({ entry }, id) => {
    if (entry.kind === 'regex' ? entry.re.test(folded) : entry.stems.length > 1 && containsRun(stems, entry.stems))
      weight[id] = 1;
  });
  const scores = m.names.map((topic) => ({ topic, score: 0 }));
  m.entries.forEach(({ topic }, id) => {
    scores[topic]!.score += weight[id]!;
  });
  return scores;
}

/**
 * The topic of a ticket: the configured topic whose words the text mentions
 * most (a word matches its other forms and a one-letter slip; a `/regex/` entry
 * matches the folded text), the earlier topic in the config on a tie, and
 * `other` when none matches.
 */
export function assignTopic(text: string, topics: TopicConfig): string {
  let winner = otherTopic;
  let top = 0;
  for (const { topic, score } of scoreTopics(text, topics)) {
    if (score > top) {
      top = score;
      winner = topic;
    }
  }
  return winner;
}
