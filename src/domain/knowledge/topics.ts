import { foldText, terms } from './terms';

/** The topic of a ticket that matches no configured topic. */
export const otherTopic = 'other';

/** Topic name → the words, phrases or `/regex/` entries that signal it, in config order. */
export type TopicConfig = Readonly<Record<string, readonly string[]>>;

type Entry = { kind: 'phrase'; stems: string[] } | { kind: 'regex'; re: RegExp };

interface Matcher {
  names: string[];
  /** Per topic, per config entry (null when it can never match). */
  entries: (Entry | null)[][];
  /** A one-word entry's stem → the (topic, entry) pairs it stands for. */
  exact: Map<string, [number, number][]>;
  /** The same stems with one letter left out, for a customer's slip ("invocie", "парль"). */
  near: Map<string, [number, number][]>;
}

/** Only this much of a ticket is read: its opening says what it is about, and intake stays cheap. */
const readChars = 2000;
/** A letter missing or extra is forgiven from this stem length on: in a short word it makes another word. */
const fuzzyMinLength = 5;
/** A letter changed or two swapped only from this length on ("chang" is not "charg"). */
const swapMinLength = 6;
/** A near match counts a little less than an exact one, so the exact reading wins a tie. */
const nearWeight = 0.8;

const compiled = new WeakMap<TopicConfig, Matcher>();

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

function add(map: Map<string, [number, number][]>, key: string, ref: [number, number]): void {
  const list = map.get(key);
  if (!list) map.set(key, [ref]);
  else if (!list.some(([t, e]) => t === ref[0] && e === ref[1])) list.push(ref);
}

function compile(topics: TopicConfig): Matcher {
  const names = Object.keys(topics);
  const exact = new Map<string, [number, number][]>();
  const near = new Map<string, [number, number][]>();
  const entries = names.map((name, t) =>
    topics[name]!.map((raw, e): Entry | null => {
      let re: RegExp | null = null;
      try {
        re = topicPattern(raw);
      } catch {
        return null; // the config check names a broken pattern; here it simply never matches
      }
      if (re) return { kind: 'regex', re };
      const stems = terms(raw);
      if (stems.length === 0) return null;
      if (stems.length === 1) {
        add(exact, stems[0]!, [t, e]);
        if (stems[0]!.length >= fuzzyMinLength) for (const d of deletions(stems[0]!)) add(near, d, [t, e]);
      }
      return { kind: 'phrase', stems };
    }),
  );
  return { names, entries, exact, near };
}

function matcherFor(topics: TopicConfig): Matcher {
  let m = compiled.get(topics);
  if (!m) compiled.set(topics, (m = compile(topics)));
  return m;
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
  const head = text.slice(0, readChars);
  const stems = terms(head);
  const folded = foldText(head);
  const best = new Map<string, number>(); // `${topic}:${entry}` → weight
  const credit = (refs: [number, number][] | undefined, weight: number) => {
    for (const [t, e] of refs ?? []) {
      const key = `${t}:${e}`;
      if ((best.get(key) ?? 0) < weight) best.set(key, weight);
    }
  };
  for (const s of new Set(stems)) {
    credit(m.exact.get(s), 1);
    if (s.length < fuzzyMinLength - 1) continue;
    credit(m.near.get(s), nearWeight); // a letter missing
    if (s.length < fuzzyMinLength + 1) continue;
    for (const d of deletions(s)) {
      if (d.length >= fuzzyMinLength) credit(m.exact.get(d), nearWeight); // a letter extra
      if (d.length >= swapMinLength - 1) credit(m.near.get(d), nearWeight); // a letter changed, or two swapped
    }
  }
  m.entries.forEach((list, t) =>
    list.forEach((entry, e) => {
      if (!entry) return;
      if (entry.kind === 'regex' ? entry.re.test(folded) : entry.stems.length > 1 && containsRun(stems, entry.stems)) best.set(`${t}:${e}`, 1);
    }),
  );
  const scores = m.names.map((topic) => ({ topic, score: 0 }));
  for (const [key, weight] of best) scores[Number(key.slice(0, key.indexOf(':')))]!.score += weight;
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
