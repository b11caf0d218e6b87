import type Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import type { Db } from '../../adapters/db/client';
import { RotationRepo } from '../../adapters/db/rotation.repo';
import { TeamsRepo } from '../../adapters/db/teams.repo';
import { DemoSeedRepo } from '../../adapters/db/demo-seed.repo';
import { ensureWorkspace } from '../../adapters/db/workspace.repo';
import { periodIndexAt, periodStart, dutyAt, type RotationSpec } from '../../domain/rotation/rotation';
import { demoCompanies, demoProblems, demoTeams, demoTopics, demoWorkspaceId } from './organisation';
import { assignTopic } from '../../domain/knowledge/topics';
import { seededRandom, type Random } from './random';

const hour = 3_600_000;
const day = 24 * hour;

export interface SeedSummary {
  tickets: number;
  issues: number;
  links: number;
  customers: number;
}

const areas = [
  'Billing',
  'Reports',
  'Calendar',
  'Permissions',
  'Notifications',
  'API',
  'Mobile',
  'Search',
  'Settings',
  'Integrations',
];
const symptoms = [
  'shows a stale total',
  'is slow to load',
  'loses the filter',
  'breaks on narrow screens',
  'misses a keyboard shortcut',
  'has a confusing empty state',
  'sorts by the wrong column',
  'cannot be undone',
];

/**
 * Seeds the demo organisation relative to `now`: teams, six months of
 * rotation with a swap and time off, ~5,000 tickets with weekday peaks and
 * one outage burst, ratings, and 60 linked issues with a long-tail demand.
 * Deterministic: the same `now` gives the same data.
 */
export function seedDemo(
  db: Db,
  sqlite: Database.Database,
  spec: Omit<RotationSpec, 'teams'>,
  now: number,
): SeedSummary {
  const rnd = seededRandom(20261122);
  ensureWorkspace(db, demoWorkspaceId, 'Acme (demo)');
  const teamsRepo = new TeamsRepo(db);
  teamsRepo.sync(
    demoWorkspaceId,
    demoTeams.map((t) => ({ name: t.name, leadUserId: t.people[0]!.id, memberIds: t.people.map((p) => p.id) })),
  );
  const seedRepo = new DemoSeedRepo(sqlite);
  const setName = seedRepo.memberNameSetter();
  for (const t of demoTeams) for (const p of t.people) setName(`${p.name} (${p.role})`, demoWorkspaceId, p.id);
  const teams = teamsRepo.active(demoWorkspaceId);
  const rotation: RotationSpec = { ...spec, teams };

  // A swap two periods ago and a week of time off in the current period.
  const current = periodIndexAt(rotation, new Date(now));
  const overrides = new RotationRepo(db);
  overrides.add(
    demoWorkspaceId,
    { kind: 'swap', periodA: current - 3, periodB: current - 2 },
    demoTeams[0]!.people[0]!.id,
    now - 60 * day,
  );
  const onDutyNow = dutyAt(rotation, new Date(now))!;
  const awayUser = onDutyNow.team.memberIds[1]!;
  const standIn = teams.find((t) => t.id !== onDutyNow.team.id)!.memberIds[2]!;
  const cur = periodStart(rotation, current).getTime();
  overrides.add(
    demoWorkspaceId,
    { kind: 'time_off', userId: awayUser, from: cur - day, to: cur + 15 * day, standIn },
    awayUser,
    now - 20 * day,
  );
  overrides.add(
    demoWorkspaceId,
    { kind: 'time_off', userId: teams[2]!.memberIds[3]!, from: now + 20 * day, to: now + 27 * day },
    teams[2]!.memberIds[3]!,
    now - 5 * day,
  );
  const allOverrides = overrides.overrides(demoWorkspaceId);
  const newcomer = dutyAt(rotation, new Date(now), allOverrides)!.onDuty.at(-1);

  const customers = seedCustomers(seedRepo, rnd, now);
  const issues = seedIssues(seedRepo, rnd, now);
  const ticketInsert = seedRepo.ticketInserter();
  const linkInsert = seedRepo.linkInserter();

  const start = now - 182 * day;
  const outageAt = now - 41 * day + 14 * hour;
  const arrivals: number[] = [];
  // Weekday peaks: about 30 a weekday, 6 a weekend day, mostly in office hours.
  for (let t = start; t < now; t += day) {
    const local = DateTime.fromMillis(t, { zone: spec.zone });
    const n = local.weekday <= 5 ? rnd.int(26, 42) : rnd.int(4, 10);
    for (let i = 0; i < n; i++) {
      const h = local.weekday <= 5 ? 8 + rnd.weighted([3, 6, 8, 7, 5, 6, 7, 6, 4, 2, 1]) : rnd.int(0, 23);
      arrivals.push(
        local
          .startOf('day')
          .plus({ hours: h, minutes: rnd.int(0, 59) })
          .toMillis(),
      );
    }
  }
  for (let i = 0; i < 260; i++) arrivals.push(outageAt + Math.floor(rnd.next() * 2 * hour)); // the outage
  arrivals.sort((a, b) => a - b);

  const sources = ['intake', 'reaction', 'shortcut', 'command', 'zendesk', 'web-form'];
  const priorities = ['normal', 'normal', 'normal', 'high', 'low', 'urgent'];
  // Long tail over the product issues; the outage issue gets only the outage tickets.
  const zipf = issues.map((_, i) => (i === 0 ? 0 : 1 / i ** 1.1));
  let links = 0;
  seedRepo.inTransaction(() => {
    arrivals.forEach((at, n) => {
      if (at >= now) return;
      const outage = at >= outageAt && at < outageAt + 2 * hour;
      const customer = rnd.pick(customers);
      const period = dutyAt(rotation, new Date(at), allOverrides)!;
      // One newcomer on the current team has not handled a ticket yet: the leaderboard shows them as "also on duty".
      const responders = period.index === current ? period.onDuty.filter((id) => id !== newcomer) : period.onDuty;
      const age = now - at;
      const resolved = age > 3 * day ? rnd.next() < 0.97 : rnd.next() < 0.6;
      const claimed = resolved || rnd.next() < 0.5;
      const who = rnd.pick(responders);
      const firstResponse =
        age > hour || rnd.next() < 0.5 ? at + Math.round(rnd.logNormal(outage ? 25 : 7, 0.9) * 60_000) : null;
      const resolvedAt = resolved
        ? Math.min(now - 60_000, (firstResponse ?? at) + Math.round(rnd.logNormal(3, 1.1) * hour))
        : null;
      const rating = resolved && rnd.next() < 0.45 ? 1 + rnd.weighted([2, 4, 10, 30, 40]) : null;
      const issueIndex = outage ? 0 : rnd.next() < 0.32 ? rnd.weighted(zipf) : -1;
      const problem = issueIndex >= 0 ? issues[issueIndex]! : null;
      const text = outage
        ? 'The app is down for us: pages load forever and then show an error.'
        : problem
          ? `${problem.title} — ${rnd.pick(['we noticed this today', 'since the last update', 'happens every time', 'for several colleagues'])}.`
          : rnd.pick([
              'How do I change the billing e-mail?',
              'Can we add a second admin?',
              "Where do I find last month's invoice?",
              'Is there an API limit?',
              'How do I rename a project?',
            ]);
      const source = rnd.pick(sources);
      const id = ticketInsert(
        demoWorkspaceId,
        source,
        `demo-${n}`,
        customer.id,
        customer.key,
        text.slice(0, 60),
        text,
        outage ? 'urgent' : rnd.pick(priorities),
        resolved ? 'resolved' : claimed ? 'claimed' : 'open',
        source === 'zendesk' || source === 'web-form' ? null : customer.slackId,
        'C0DEMODUTY',
        `${Math.floor(at / 1000)}.${String(n).padStart(6, '0')}`,
        period.team.id,
        claimed ? who : null,
        claimed ? (firstResponse ?? at) : null,
        firstResponse,
        firstResponse ? who : null,
        resolved ? who : null,
        resolvedAt,
        resolved ? 'Answered in thread' : null,
        rating,
        rating ? (resolvedAt ?? at) + hour : null,
        at,
        resolvedAt ?? at,
        assignTopic(text, demoTopics),
      );
      if (problem) {
        linkInsert(demoWorkspaceId, id, problem.id, at, customer.key, rnd.pick(responders), at + hour);
        links += 1;
      }
    });
  });
  return {
    tickets: arrivals.filter((a) => a < now).length,
    issues: issues.length,
    links,
    customers: new Set(customers.map((c) => c.id)).size,
  };
}

function seedCustomers(seedRepo: DemoSeedRepo, rnd: Random, now: number) {
  const insert = seedRepo.customerInserter();
  const out: { id: number; key: string; slackId: string | null }[] = [];
  for (let i = 0; i < 420; i++) {
    const company = i < 300 ? demoCompanies[i % demoCompanies.length]! : null;
    const email = `customer${i}@${company ? company.toLowerCase().replace(/[^a-z]/g, '') : 'mail'}.example`;
    const slackId = rnd.next() < 0.4 ? `U0CUST${String(i).padStart(4, '0')}` : null;
    // The customer key: the company if known, else the e-mail.
    const key = company ? `company:${company.toLowerCase()}` : `email:${email}`;
    const existing = out.find((c) => c.key === key);
    if (existing) {
      out.push(existing);
      continue;
    }
    const id = insert(demoWorkspaceId, key, slackId, email, `Customer ${i}`, company, now - 200 * day);
    out.push({ id, key, slackId });
  }
  return out;
}

function seedIssues(seedRepo: DemoSeedRepo, rnd: Random, now: number) {
  const insert = seedRepo.issueInserter();
  const out: { id: number; title: string }[] = [];
  const outage = { title: 'Outage: API timeouts on eu-west', provider: 'github' as const, words: '' };
  const all = [outage, ...demoProblems];
  for (let i = all.length; i < 60; i++)
    all.push({
      title: `${areas[i % areas.length]} ${symptoms[i % symptoms.length]}`,
      provider: i % 3 === 0 ? 'linear' : 'github',
      words: '',
    });
  all.forEach((p, i) => {
    const github = p.provider === 'github';
    const n = 100 + i * 7;
    const externalId = github
      ? `acme/app#${n}`
      : `4d6e${String(i).padStart(4, '0')}-demo-0000-0000-${String(n).padStart(12, '0')}`;
    const key = github ? `acme/app#${n}` : `ENG-${n}`;
    const url = github ? `https://github.com/acme/app/issues/${n}` : `https://linear.app/acme/issue/ENG-${n}`;
    const closed = i === 0 || i % 9 === 4;
    const id = insert(
      demoWorkspaceId,
      p.provider,
      externalId,
      key,
      p.title,
      url,
      closed ? 'closed' : 'open',
      closed ? now - rnd.int(2, 30) * day : null,
      1,
      now - 190 * day,
      now,
    );
    out.push({ id, title: p.title });
  });
  return out;
}
