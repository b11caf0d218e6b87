import { tierByMethod, tierPerMinute } from './slack-scopes';

/**
 * Slack's per-method rate limits (Tier 1–4, calls per minute per workspace),
 * over a sliding minute of the fake's own clock. Answers how many seconds a
 * refused call should wait (Slack's Retry-After).
 */
export class TierLimiter {
  private readonly seen = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  /** Records a call; returns Retry-After seconds when it is over its tier, else undefined. */
  take(method: string): number | undefined {
    const tier = tierByMethod[method];
    if (tier === undefined || tier === 'special') return undefined;
    const limit = tierPerMinute[tier];
    const now = this.now();
    const recent = (this.seen.get(method) ?? []).filter((t) => t > now - 60_000);
    this.seen.set(method, recent);
    if (recent.length >= limit) return Math.max(1, Math.ceil((recent[0]! + 60_000 - now) / 1000));
    recent.push(now);
    return undefined;
  }
}
