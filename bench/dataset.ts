import type Database from 'better-sqlite3';

/**
 * A realistic support history for benchmarks and the demo: raw prepared
 * statements in one transaction (drizzle's per-row overhead would dominate at
 * a million rows). Deterministic for a given seed.
 *
 * Shapes: tickets peak on weekdays and in working hours; ~80% are resolved with
 * first response / resolution times and about half of those rated; resolvers
 * are members of 4 teams; demand per issue is long-tailed (a few issues carry
 * most links) and so are customers (a few companies ask a lot).
 */
export interface DatasetOptions {
  tickets?: number;
  links?: number;
  issues?: number;
  customers?: number;
  now?: number;
  workspaceId?: string;
  /** How far back the tickets go. */
  days?: number;
  seed?: number;
}

/** The benchmark's organisation: a million tickets, a fifth of them linked to twenty thousand issues. */
export const millionTickets = { tickets: 1_000_000, links: 200_000, issues: 20_000 } as const;

export interface DatasetSummary {
  workspaceId: string;
  tickets: number;
  links: number;
  issues: number;
  customers: number;
  teams: { id: number; name: string; memberIds: string[] }[];
  /** Id of the first generated ticket (they are consecutive). */
  firstTicketId: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

const subjects = [
  'Export to CSV',
  'Login with SSO',
  'Invoice PDF',
  'Dark mode',
  'Mobile app sync',
  'Password reset e-mail',
  'Calendar integration',
  'Search results',
  'Dashboard loading',
  'Webhook delivery',
  'API rate limit',
  'Two-factor authentication',
  'Team permissions',
  'File upload',
  'Notifications',
  'Billing address',
  'Data import',
  'Slack integration',
  'Report filters',
  'Time zone',
  'Session timeout',
  'Audit log',
];
const problems = [
  'fails with an error',
  'is very slow',
  'shows the wrong numbers',
  'does not work on Safari',
  'times out after a minute',
  'is missing a column',
  'sends duplicates',
  'cannot be found in settings',
  'loses data after refresh',
  'shows a blank page',
  'ignores the selected filter',
  'breaks with large files',
];
const asks = [
  'Could you take a look?',
  'This blocks our team.',
  'Is there a workaround?',
  'We need this for the audit next week.',
  'It started yesterday.',
  'Happens every time.',
  'Screenshot attached.',
  'Thanks for checking.',
];
const companies = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark',
  'Wayne',
  'Wonka',
  'Tyrell',
  'Cyberdyne',
  'Soylent',
  'Vandelay',
  'Pied Piper',
  'Aperture',
  'Oscorp',
  'Monarch',
  'Gringotts',
  'Nakatomi',
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateDataset(sqlite: Database.Database, options: DatasetOptions = {}): DatasetSummary {
  const nTickets = options.tickets ?? 1_000_000;
  const nLinks = Math.min(options.links ?? 200_000, nTickets);
  const nIssues = options.issues ?? 20_000;
  const nCustomers = options.customers ?? Math.max(10, Math.round(nTickets / 25));
  const now = options.now ?? Date.now();
  const days = options.days ?? 730;
  const workspaceId = options.workspaceId ?? 'TBENCH0001';
  const rnd = mulberry32(options.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  // Long tail: u^k puts most of the mass near index 0.
  const skewed = (n: number, k: number) => Math.min(n - 1, Math.floor(n * rnd() ** k));

  const summary: DatasetSummary = {
    workspaceId,
    tickets: nTickets,
    links: nLinks,
    issues: nIssues,
    customers: nCustomers,
    teams: [],
    firstTicketId: 0,
  };

  const run = sqlite.transaction(() => {
    sqlite
      .prepare('INSERT OR IGNORE INTO workspaces (id, name, calendar_token, created_at) VALUES (?, ?, ?, ?)')
      .run(workspaceId, 'Bench Org', `cal-${workspaceId}`, now - days * DAY);

    const insTeam = sqlite.prepare(
      'INSERT INTO teams (workspace_id, name, lead_user_id, position, active, created_at) VALUES (?, ?, ?, ?, 1, ?)',
    );
    const insMember = sqlite.prepare(
      'INSERT INTO members (workspace_id, team_id, slack_user_id, email, name, tz, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const teamNames = ['Payments', 'Platform', 'Mobile', 'Insights'];
    const existingTeams = (
      sqlite.prepare('SELECT count(*) AS n FROM teams WHERE workspace_id = ?').get(workspaceId) as { n: number }
    ).n;
    teamNames.forEach((name, t) => {
      const memberIds = Array.from(
        { length: 5 + (t % 2) },
        (_, m) => `U${String(t + 1).padStart(2, '0')}M${String(m + 1).padStart(3, '0')}X`,
      );
      const teamName = existingTeams > 0 ? `${name} ${workspaceId}` : name;
      const teamId = Number(insTeam.run(workspaceId, teamName, memberIds[0], t, now - days * DAY).lastInsertRowid);
      for (const [m, id] of memberIds.entries()) {
        insMember.run(
          workspaceId,
          teamId,
          id,
          `${name.toLowerCase()}${m + 1}@example.com`,
          `${name} Person ${m + 1}`,
          'Europe/Berlin',
          now - days * DAY,
        );
      }
      summary.teams.push({ id: teamId, name: teamName, memberIds });
    });

    // Customers: the identity key is the company, else the e-mail, else the Slack user.
    const insCustomer = sqlite.prepare(
      'INSERT INTO customers (workspace_id, key, slack_user_id, email, name, company, external_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const customerIds: number[] = [];
    const customerKeys: string[] = [];
    for (let c = 0; c < nCustomers; c++) {
      const r = rnd();
      let key: string;
      let email: string | null = null;
      let company: string | null = null;
      let slackUser: string | null = null;
      if (r < 0.5) {
        company = `${pick(companies)} ${c}`;
        email = `person${c}@customer${c}.example`;
        key = `company:${company.toLowerCase()}`;
      } else if (r < 0.85) {
        email = `user${c}@mail${c % 97}.example`;
        key = `email:${email}`;
      } else {
        slackUser = `UC${String(c).padStart(8, '0')}`;
        key = `slack:${slackUser}`;
      }
      const id = Number(
        insCustomer.run(workspaceId, key, slackUser, email, `Customer ${c}`, company, `cust-${c}`, now - days * DAY)
          .lastInsertRowid,
      );
      customerIds.push(id);
      customerKeys.push(key);
    }

    // Ticket times: walk a day/hour weight table so weekdays and working hours peak.
    const dayWeights: number[] = [];
    for (let d = 0; d < days; d++) {
      const dow = new Date(now - (days - d) * DAY).getUTCDay();
      // Slow growth over time, so recent windows are a bit busier than old ones.
      dayWeights.push((dow === 0 || dow === 6 ? 0.25 : 1) * (0.6 + (0.4 * d) / days));
    }
    const hourWeights = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 18 ? 1 : h >= 6 && h < 21 ? 0.35 : 0.06));
    const cum = (ws: number[]) => {
      let s = 0;
      const out = ws.map((w) => (s += w));
      return out.map((v) => v / s);
    };
    const dayCum = cum(dayWeights);
    const hourCum = cum(hourWeights);
    const sample = (c: number[]) => {
      const u = rnd();
      let lo = 0;
      let hi = c.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((c[mid] as number) < u) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const startDay = Math.floor((now - days * DAY) / DAY) * DAY;
    const times: number[] = new Array(nTickets);
    for (let i = 0; i < nTickets; i++) {
      times[i] = Math.min(
        now - MINUTE,
        startDay + sample(dayCum) * DAY + sample(hourCum) * HOUR + Math.floor(rnd() * HOUR),
      );
    }
    times.sort((a, b) => a - b);

    const insTicket = sqlite.prepare(
      `INSERT INTO tickets (workspace_id, source, external_id, customer_id, customer_key, subject, text, priority, status,
        requester_slack_id, created_by, duty_team_id, claimed_by, claimed_at, first_response_at, first_response_by,
        resolved_by, resolved_at, resolution, rating, rated_at, created_at, updated_at)
       VALUES (?, 'api', ?, ?, ?, ?, ?, ?, ?, NULL, 'api', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const priorities = ['low', 'normal', 'normal', 'normal', 'high', 'urgent'] as const;
    const ticketCustomer: number[] = new Array(nTickets);
    let firstTicketId = 0;
    for (let i = 0; i < nTickets; i++) {
      const created = times[i] as number;
      const team = summary.teams[Math.floor((created - startDay) / (14 * DAY)) % summary.teams.length]!;
      const cIdx = skewed(nCustomers, 1.6);
      ticketCustomer[i] = cIdx;
      const subject = `${pick(subjects)} ${pick(problems)}`;
      const text = `${subject}. ${pick(asks)} ${pick(asks)}`;
      const resolved = rnd() < 0.8 && created < now - HOUR;
      const old = created < now - 2 * DAY;
      const resolver = pick(team.memberIds);
      const firstResponse = resolved || rnd() < 0.5 ? created + Math.round(MINUTE * (1 + 60 * rnd() ** 3)) : null;
      const resolvedAt = resolved
        ? Math.min(now, (firstResponse ?? created) + Math.round(HOUR * 48 * rnd() ** 2.5))
        : null;
      const rating = resolved && rnd() < 0.5 ? 1 + skewed(5, 0.6) : null;
      const status = resolved ? 'resolved' : old || rnd() < 0.5 ? 'claimed' : 'open';
      const id = Number(
        insTicket.run(
          workspaceId,
          `gen-${workspaceId}-${i}`,
          customerIds[cIdx],
          customerKeys[cIdx],
          subject,
          text,
          pick(priorities),
          status,
          team.id,
          status === 'open' ? null : resolver,
          status === 'open' ? null : created + MINUTE,
          firstResponse,
          firstResponse ? resolver : null,
          resolved ? resolver : null,
          resolvedAt,
          resolved ? 'Answered and resolved.' : null,
          rating === null ? null : 5 - rating,
          rating === null ? null : resolvedAt,
          created,
          resolvedAt ?? created,
        ).lastInsertRowid,
      );
      if (i === 0) firstTicketId = id;
    }
    summary.firstTicketId = firstTicketId;

    // Issues: half GitHub, half Linear; ~15% closed.
    const insIssue = sqlite.prepare(
      `INSERT INTO tracker_issues (workspace_id, provider, external_id, key, title, url, state, state_changed_at, is_private, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const issueIds: number[] = [];
    for (let k = 0; k < nIssues; k++) {
      const github = k % 2 === 0;
      const n = k + 1;
      const key = github ? `acme/app#${n}` : `ENG-${n}`;
      const externalId = github ? key : `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      const url = github ? `https://github.com/acme/app/issues/${n}` : `https://linear.app/acme/issue/ENG-${n}`;
      const closed = rnd() < 0.15;
      const created = now - Math.floor(rnd() * days) * DAY;
      issueIds.push(
        Number(
          insIssue.run(
            workspaceId,
            github ? 'github' : 'linear',
            externalId,
            key,
            `${pick(subjects)} ${pick(problems)}`,
            url,
            closed ? 'closed' : 'open',
            closed ? created + 7 * DAY : null,
            github ? 0 : 1,
            created,
            created,
          ).lastInsertRowid,
        ),
      );
    }

    // Links: distinct tickets (stride through the history), issues long-tailed.
    const insLink = sqlite.prepare(
      `INSERT OR IGNORE INTO ticket_issue_links (workspace_id, ticket_id, issue_id, ticket_created_at, customer_key, linked_by, linked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const stride = nTickets / nLinks;
    const operators = summary.teams.flatMap((t) => t.memberIds);
    for (let l = 0; l < nLinks; l++) {
      const i = Math.min(nTickets - 1, Math.floor(l * stride + rnd() * stride));
      const created = times[i] as number;
      insLink.run(
        workspaceId,
        firstTicketId + i,
        issueIds[skewed(nIssues, 3)],
        created,
        customerKeys[ticketCustomer[i] as number],
        pick(operators),
        Math.min(now, created + HOUR),
      );
    }
  });
  run();
  return summary;
}
