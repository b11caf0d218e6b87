import { describe, expect, it } from 'vitest';
import {
  countDemand,
  customerKeyOf,
  mergeLinks,
  summariseDemand,
  windowRange,
  type DemandLink,
} from '../../src/domain/feedback/demand';
import { mayShareCustomerData, redactCustomerData } from '../../src/domain/feedback/privacy';
import { TokenBucket, nextWriteAt } from '../../src/domain/feedback/token-bucket';
import { demandCommentBody, demandLine, demandMarker } from '../../src/domain/feedback/writeback-text';

const DAY = 86_400_000;
const now = Date.parse('2026-11-20T12:00:00Z');
const link = (ticketId: number, customerKey: string, daysAgo: number): DemandLink => ({
  ticketId,
  customerKey,
  ticketCreatedAt: now - daysAgo * DAY,
});

describe('demand counts', () => {
  it('the same customer twice counts as one customer and two tickets', () => {
    const c = countDemand([link(1, 'company:acme', 1), link(2, 'company:acme', 2)]);
    expect(c).toMatchObject({ tickets: 2, customers: 1 });
  });

  it('counts each window separately and compares with the previous window of the same length', () => {
    const links = [link(1, 'a', 1), link(2, 'b', 10), link(3, 'c', 40), link(4, 'd', 45), link(5, 'a', 200)];
    const d = summariseDemand(links, now);
    expect(d.windows['7d']).toMatchObject({ tickets: 1, customers: 1, previousCustomers: 1, customersChange: 0 });
    expect(d.windows['30d']).toMatchObject({ tickets: 2, customers: 2, previousCustomers: 2, customersChange: 0 });
    expect(d.windows['90d']).toMatchObject({ tickets: 4, customers: 4, previousCustomers: 0, customersChange: 4 });
    expect(d.all).toMatchObject({ tickets: 5, customers: 4, firstSeen: now - 200 * DAY, lastSeen: now - DAY });
  });

  it('a ticket exactly at the window edge belongs to one window only', () => {
    const r = windowRange('7d', now);
    const edge: DemandLink = { ticketId: 9, customerKey: 'x', ticketCreatedAt: r.from };
    expect(countDemand([edge], r.from, r.to).tickets).toBe(1);
    expect(countDemand([edge], r.previous!.from, r.previous!.to).tickets).toBe(0);
    expect(windowRange('all', now).previous).toBeNull();
  });

  it('merging a duplicate issue does not count a ticket linked to both twice', () => {
    const merged = mergeLinks([link(1, 'a', 1), link(2, 'b', 2)], [link(2, 'b', 2), link(3, 'a', 3)]);
    expect(countDemand(merged)).toMatchObject({ tickets: 3, customers: 2 });
  });

  it('a customer is the company if known, else the e-mail, else the Slack user', () => {
    expect(customerKeyOf({ company: 'Acme ', email: 'a@b.c', slackUserId: 'U1' })).toBe('company:acme');
    expect(customerKeyOf({ email: 'A@B.c', slackUserId: 'U1' })).toBe('email:a@b.c');
    expect(customerKeyOf({ slackUserId: 'U1' })).toBe('slack:U1');
    expect(customerKeyOf({})).toBeNull();
  });
});

describe('write-back text', () => {
  it('states counts and dates with no evaluative words', () => {
    const links = [
      ...Array.from({ length: 12 }, (_, i) => link(i + 1, `c${i % 9}`, i + 1)),
      ...Array.from({ length: 9 }, (_, i) => link(100 + i, `old${i % 5}`, 40 + i * 4)),
    ];
    links.push(link(200, 'first', 79));
    const line = demandLine(summariseDemand(links, now), 'UTC');
    expect(line).toBe(
      'Reported by 15 customers (22 tickets) · 9 in the last 30 days · first 2026-09-02, last 2026-11-19 · dutyloop',
    );
    expect(line).not.toMatch(/many|few|lot|hate|love|important|urgent|critical/i);
  });

  it('the comment carries the hidden marker and names customers only when given', () => {
    const body = demandCommentBody('Reported by 1 customer (1 ticket)', 'https://d.example/issues/1', []);
    expect(body.startsWith(demandMarker)).toBe(true);
    expect(body).not.toContain('Customers:');
    expect(demandCommentBody('x', 'u', [{ key: 'company:acme', company: 'Acme' }])).toContain('- Acme');
  });
});

describe('privacy rule', () => {
  it('never shares on a public GitHub repo, even when allowed', () => {
    expect(mayShareCustomerData({ allowCustomerData: true, provider: 'github', isPrivate: false })).toBe(false);
    expect(mayShareCustomerData({ allowCustomerData: true, provider: 'github', isPrivate: true })).toBe(true);
    expect(mayShareCustomerData({ allowCustomerData: false, provider: 'github', isPrivate: true })).toBe(false);
    expect(mayShareCustomerData({ allowCustomerData: true, provider: 'linear', isPrivate: false })).toBe(true);
    expect(mayShareCustomerData({ allowCustomerData: false, provider: 'linear', isPrivate: true })).toBe(false);
  });

  it('removes e-mails and phone numbers from text', () => {
    expect(redactCustomerData('mail jane.doe@acme.io or call +49 170 1234567 now')).toBe(
      'mail [e-mail removed] or call [number removed] now',
    );
  });
});

describe('token bucket', () => {
  it('lets a burst through, then makes the caller wait for the refill', () => {
    const b = TokenBucket.perHour(3600, 2, 0); // one token per second
    expect(b.take(0).ok).toBe(true);
    expect(b.take(0).ok).toBe(true);
    const third = b.take(0);
    expect(third).toEqual({ ok: false, waitMs: 1000 });
    expect(b.take(1000).ok).toBe(true);
  });

  it('a rate-limit answer pauses the bucket until the given time', () => {
    const b = TokenBucket.perHour(3600, 10, 0);
    b.pauseUntil(60_000);
    expect(b.take(30_000)).toEqual({ ok: false, waitMs: 30_000 });
    expect(b.take(61_000).ok).toBe(true);
  });

  it('one write per issue per minute', () => {
    expect(nextWriteAt(null, 5)).toBe(5);
    expect(nextWriteAt(1000, 5000)).toBe(61_000);
    expect(nextWriteAt(1000, 100_000)).toBe(100_000);
  });
});
