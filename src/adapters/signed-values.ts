import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * dutyloop's own signed values (rating links, sign-in state and CSRF tokens)
 * and the one constant-time comparison. Vendors' signatures are checked by the
 * vendors' libraries; everything dutyloop signs itself is signed here.
 */

/** True when both strings are equal; the time taken says nothing about where they differ, nor their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  // Hashing first gives equal-length buffers, so a length mismatch is not a shortcut.
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/** A key for one use, derived from a longer-lived secret (so a leaked link key is not the signing secret). */
export function deriveKey(secret: string, use: string): string {
  return createHmac('sha256', secret).update(use).digest('hex');
}

/** The MAC of `value` for one purpose; the purpose keeps a CSRF token from passing as a rating link. */
export function signValue(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${value}`).digest('base64url');
}

export function signatureMatches(secret: string, purpose: string, value: string, mac: string): boolean {
  return constantTimeEqual(mac, signValue(secret, purpose, value));
}

/** The signed token of a ticket's rating link: `<ticket id>.<mac>`. */
export function ratingToken(secret: string, ticketId: number): string {
  return `${ticketId}.${signValue(secret, 'rate', String(ticketId))}`;
}

/** The ticket id of a rating token, or null when it was not signed by us. */
export function verifyRatingToken(secret: string, token: string): number | null {
  const m = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  return signatureMatches(secret, 'rate', m[1]!, m[2]!) ? Number(m[1]) : null;
}
