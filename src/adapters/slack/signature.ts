import { verifySlackRequest } from '@slack/bolt';

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

const maxAgeSeconds = 5 * 60;

/**
 * The part of Slack's signature check that needs no body: without both headers,
 * or with a timestamp more than 5 minutes away (either way: Bolt only refuses
 * old ones, a timestamp from the future is as suspect), the request cannot verify.
 */
export function slackHeadersProblem(
  signature: string | undefined,
  timestamp: string | undefined,
  nowMs: number,
): string | undefined {
  if (!signature || !timestamp) return 'missing signature headers';
  const ts = Number(timestamp);
  if (!Number.isInteger(ts)) return 'malformed timestamp';
  if (Math.abs(nowMs / 1000 - ts) > maxAgeSeconds) return 'stale timestamp';
  return undefined;
}

/**
 * Slack's v0 request signature, checked by Bolt's own `verifySlackRequest` at
 * the injected clock's now; the reasons stay short and stable for the 401 answer.
 */
export function verifySlackSignature(opts: {
  signingSecret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: string;
  nowMs: number;
}): SignatureCheck {
  const problem = slackHeadersProblem(opts.signature, opts.timestamp, opts.nowMs);
  if (problem) return { ok: false, reason: problem };
  try {
    verifySlackRequest({
      signingSecret: opts.signingSecret,
      body: opts.rawBody,
      headers: { 'x-slack-signature': opts.signature!, 'x-slack-request-timestamp': Number(opts.timestamp) },
      nowMilliseconds: opts.nowMs,
    });
    return { ok: true };
  } catch (err) {
    return {
      ok: false,
      reason: /stale/.test(String((err as Error).message)) ? 'stale timestamp' : 'signature mismatch',
    };
  }
}
