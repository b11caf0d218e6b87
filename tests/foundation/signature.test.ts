import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySlackSignature } from '../../src/adapters/slack/signature';

const secret = 's3cret';
const sign = (ts: string, body: string) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;

describe('Slack request signature', () => {
  const now = 1_700_000_000_000;
  const ts = String(now / 1000);

  it('accepts a request signed with the signing secret', () => {
    expect(verifySlackSignature({ signingSecret: secret, signature: sign(ts, 'a=b'), timestamp: ts, rawBody: 'a=b', nowMs: now })).toEqual({ ok: true });
  });

  it('refuses a body that was changed after signing', () => {
    expect(verifySlackSignature({ signingSecret: secret, signature: sign(ts, 'a=b'), timestamp: ts, rawBody: 'a=c', nowMs: now }).ok).toBe(false);
  });

  it('refuses a request older than five minutes, even correctly signed', () => {
    const old = String(now / 1000 - 301);
    expect(verifySlackSignature({ signingSecret: secret, signature: sign(old, 'x'), timestamp: old, rawBody: 'x', nowMs: now })).toEqual({ ok: false, reason: 'stale timestamp' });
  });

  it('refuses missing headers and a truncated signature', () => {
    expect(verifySlackSignature({ signingSecret: secret, signature: undefined, timestamp: ts, rawBody: 'x', nowMs: now }).ok).toBe(false);
    expect(verifySlackSignature({ signingSecret: secret, signature: sign(ts, 'x').slice(0, 20), timestamp: ts, rawBody: 'x', nowMs: now }).ok).toBe(false);
  });
});
