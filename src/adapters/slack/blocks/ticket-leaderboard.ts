import type { KnownBlock } from '@slack/types';
import type { Leaderboard } from '../../../domain/tickets/leaderboard';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn';

const medals = [':first_place_medal:', ':second_place_medal:', ':third_place_medal:'];

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const min = Math.round(ms / 60_000);
  if (min < 1) return '<1 min';
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return `${h} h ${min % 60} min`;
}

const rating = (r: number | null) => (r === null ? 'no ratings yet' : `${r.toFixed(1)} ★`);
const plural = (n: number) => `${n} ticket${n === 1 ? '' : 's'}`;

/**
 * The leaderboard as Slack text: the team's total first, then each person with
 * a medal for the top three (ties share the order, alphabetical), and people
 * with no tickets yet as "also on duty" — never at the bottom of a ranking.
 */
export function leaderboardLines(board: Leaderboard, title: string): string {
  const lines = [
    `*${title}*`,
    `:tada: Team total: *${plural(board.total.handled)}* resolved · median first response ${formatDuration(board.total.medianFirstResponseMs)} · ${rating(board.total.averageRating)}`,
  ];
  board.entries.slice(0, 20).forEach((e, i) => {
    lines.push(
      `${medals[i] ?? ':star:'} ${escapeMrkdwn(e.name)} — ${plural(e.handled)} · median first response ${formatDuration(e.medianFirstResponseMs)} · ${rating(e.averageRating)}`,
    );
  });
  if (board.entries.length > 20) lines.push(`…and ${board.entries.length - 20} more people who helped`);
  if (board.alsoOnDuty.length)
    lines.push(`Also on duty: ${board.alsoOnDuty.map((p) => escapeMrkdwn(p.name)).join(', ')}`);
  if (!board.entries.length && !board.alsoOnDuty.length) lines.push('No tickets resolved yet.');
  return lines.join('\n');
}

export function leaderboardBlocks(board: Leaderboard, title: string): KnownBlock[] {
  return [{ type: 'section', text: { type: 'mrkdwn', text: leaderboardLines(board, title).slice(0, 3000) } }];
}
