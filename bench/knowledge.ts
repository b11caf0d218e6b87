import { openDb } from '../src/adapters/db/client';
import { ManualClock } from '../src/domain/clock';
import { backfillKnowledge } from '../src/services/knowledge/search-knowledge';
import { createApiToken } from '../src/services/tickets/create-api-token';
import { startFakeSlack } from '../tests/harness/fake-slack';
import { startTestApp, teamId } from '../tests/support/app';
import { generateDataset } from './dataset';
import type { BenchRow, BenchSection } from './rows';

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};

/**
 * What people ask the search: the dataset's own phrasings (every word in tens
 * of thousands of tickets, the worst case for candidate selection), typos,
 * paraphrases, words the history never saw, Russian, and a 10,000-character paste.
 */
const questions = [
  'Export to CSV fails with an error',
  'Login with SSO is very slow',
  'invoice pdf shows the wrong numbers',
  'the csv exprot is failing again',
  'dark mode does not work on Safari',
  'Mobile app sync loses data after refresh',
  'webhook delivery sends duplicates',
  'API rate limit times out after a minute',
  'two-factor authentication cannot be found in settings',
  'notifications ignore the selected filter',
  'quarterly reconciliation widget misaligned',
  'Выгрузка в Excel не работает',
  'calendar integration breaks with large files',
  'session timeout is too short for our team',
  'audit log is missing a column',
  `report filters ${'please have a look at this urgent problem '.repeat(240)}`,
  Array.from({ length: 1_200 }, (_, i) => `word${(i * 7919) % 99_991}x`).join(' '),
  'timezone wrong',
  'file upload fails',
  'slack integration',
  'search results blank page',
];

/**
 * GET /api/similar through the real server over the generated 1,000,000-ticket
 * dataset (about 800,000 resolved), indexed by the same backfill a deployment
 * runs at start.
 */
export const section: BenchSection = async (): Promise<BenchRow[]> => {
  const handle = openDb(':memory:');
  const now = Date.now();
  generateDataset(handle.sqlite, { tickets: 1_000_000, links: 200_000, issues: 20_000, now, workspaceId: teamId });
  const slack = (await startFakeSlack()).allowStandard();
  const app = await startTestApp({
    slackApiUrl: slack.url,
    db: handle,
    clock: new ManualClock(now),
    background: false,
  });
  try {
    const t0 = performance.now();
    const { indexed } = await backfillKnowledge({ ctx: app.rt.ctx });
    const indexSecs = (performance.now() - t0) / 1000;
    const { token } = await createApiToken({ ctx: app.rt.ctx, input: { name: 'bench' } });
    const headers = { authorization: `Bearer ${token}` };
    const ask = async (text: string) => {
      const s = performance.now();
      const res = await fetch(`${app.url}/api/similar?${new URLSearchParams({ text, limit: '5' })}`, { headers });
      const body = (await res.json()) as { results: unknown[] };
      if (res.status !== 200 || !Array.isArray(body.results)) throw new Error(`/api/similar answered ${res.status}`);
      return performance.now() - s;
    };
    for (const q of questions) await ask(q);
    const times: number[] = [];
    for (let i = 0; i < 400; i++) times.push(await ask(questions[i % questions.length]!));
    const p95 = quantile(times, 0.95);
    return [
      {
        name: `Knowledge index backfill (${indexed.toLocaleString('en')} resolved of 1M tickets)`,
        value: `${indexSecs.toFixed(0)} s`,
      },
      { name: 'GET /api/similar p50 (1M tickets)', value: `${quantile(times, 0.5).toFixed(1)} ms` },
      { name: 'GET /api/similar p95 (1M tickets)', value: `${p95.toFixed(1)} ms`, target: '≤ 20 ms', ok: p95 <= 20 },
    ];
  } finally {
    await app.stop();
    await slack.close();
  }
};

if (process.argv[1]?.endsWith('bench/knowledge.ts')) {
  section()
    .then((rows) => console.table(rows))
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}
