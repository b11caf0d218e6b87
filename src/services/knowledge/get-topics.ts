import { windowRange, type DemandWindow } from '../../domain/feedback/demand';
import { frequentWords } from '../../domain/knowledge/frequent-words';
import { otherTopic } from '../../domain/knowledge/topics';
import type { Ctx } from '../context';

export interface TopicRow {
  topic: string;
  tickets: number;
  customers: number;
  /** Tickets in the window of the same length just before; null for `all`. */
  previous: number | null;
  medianFirstResponseMinutes: number | null;
  medianResolutionHours: number | null;
  /** For `other` only: its most frequent words, so an admin sees which topic to add. */
  otherTerms?: { term: string; tickets: number }[];
}

/** How many of the newest `other` tickets are read for their frequent words. */
const otherSample = 500;
const round1 = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);

/**
 * Tickets per topic over a window: every ticket counted once, in its topic;
 * every configured topic listed (zeros included) and `other`, most tickets first.
 */
export function getTopics({ ctx, input }: { ctx: Ctx; input: { window: DemandWindow } }): Promise<TopicRow[]> {
  return topicsBetween(ctx, windowRange(input.window, ctx.clock.now().getTime()));
}

/** The same over any [from, to), with the previous range's counts when given (and the words of `other` unless told not to). */
export async function topicsBetween(
  ctx: Ctx,
  range: { from: number; to: number; previous: { from: number; to: number } | null },
  opts: { otherTerms?: boolean } = {},
): Promise<TopicRow[]> {
  const repo = ctx.repos.topics;
  const ws = ctx.workspaceId;
  const { from, to } = range;
  const counts = new Map((await repo.counts(ws, from, to)).map((r) => [r.topic, r]));
  const previous = range.previous
    ? new Map((await repo.counts(ws, range.previous.from, range.previous.to)).map((r) => [r.topic, r.tickets]))
    : null;
  const fr = new Map((await repo.medians(ws, from, to, 'first_response_at')).map((r) => [r.topic, r.median]));
  const res = new Map((await repo.medians(ws, from, to, 'resolved_at')).map((r) => [r.topic, r.median]));
  const otherTexts =
    opts.otherTerms !== false ? await repo.texts(ws, otherTopic, from, to, otherSample) : ([] as string[]);
  const configured = Object.keys(ctx.config.file.topics);
  const names = [...new Set([...configured, otherTopic, ...counts.keys(), ...(previous?.keys() ?? [])])];
  const order = (t: string) =>
    t === otherTopic ? Number.MAX_SAFE_INTEGER : configured.includes(t) ? configured.indexOf(t) : configured.length;
  return names
    .map((topic): TopicRow => {
      const c = counts.get(topic);
      const row: TopicRow = {
        topic,
        tickets: c?.tickets ?? 0,
        customers: c?.customers ?? 0,
        previous: previous ? (previous.get(topic) ?? 0) : null,
        medianFirstResponseMinutes: round1(fr.has(topic) ? fr.get(topic)! / 60_000 : null),
        medianResolutionHours: round1(res.has(topic) ? res.get(topic)! / 3_600_000 : null),
      };
      if (topic === otherTopic && opts.otherTerms !== false) row.otherTerms = frequentWords(otherTexts, 10);
      return row;
    })
    .sort((a, b) => b.tickets - a.tickets || order(a.topic) - order(b.topic) || a.topic.localeCompare(b.topic));
}
