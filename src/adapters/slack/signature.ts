import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

const maxAgeSeconds = 5 * 60;

/**
 * Slack's v0 request signature: HMAC-SHA256 of `v0:{timestamp}:{raw body}`,
 * compared in constant time, rejected when older (or newer) than 5 minutes.
 */
export function verifySlackSignature(opts: {
  signingSecret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: string;
  nowMs: number;
}): SignatureCheck {
  const { signature, timestamp } = opts;
  if (!signature || !timestamp) return { ok: false, reason: 'missing signature headers' };
  const ts = Number(timestamp);
  if (!Number.isInteger(ts)) return { ok: false, reason: 'malformed timestamp' };
  if (Math.abs(opts.nowMs / 1000 - ts) > maxAgeSeconds) return { ok: false, reason: 'stale timestamp' };
  const expected = `v0=${createHmac('sha256', opts.signingSecret).update(`v0:${timestamp}:${opts.rawBody}`).digest('hex')}`;
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: 'signature mismatch' };
  return { ok: true };
}
