/**
 * A token bucket kept below a provider's rate limit (Linear 1,500 requests/hour;
 * GitHub's limits are left to Octokit's throttling plugin). `now` is passed in so the rule is testable at any instant.
 * A rate-limit answer from the provider pauses the bucket until the given time.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private pausedUntil = 0;

  constructor(
    readonly capacity: number,
    /** Tokens added per millisecond. */
    readonly refillPerMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  /** A bucket refilling `perHour` tokens an hour, holding at most `burst`. */
  static perHour(perHour: number, burst: number, now: number): TokenBucket {
    return new TokenBucket(burst, perHour / 3_600_000, now);
  }

  private refill(now: number): void {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.refillPerMs);
      this.updatedAt = now;
    }
  }

  /** Takes `cost` tokens, or says how long to wait (ms) before trying again. */
  take(now: number, cost = 1): { ok: true } | { ok: false; waitMs: number } {
    if (now < this.pausedUntil) return { ok: false, waitMs: this.pausedUntil - now };
    this.refill(now);
    if (this.tokens >= cost) {
      this.tokens -= cost;
      return { ok: true };
    }
    return { ok: false, waitMs: Math.ceil((cost - this.tokens) / this.refillPerMs) };
  }

  /** The provider said "rate limited": nothing goes out before `until`. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
    this.tokens = 0;
  }

  available(now: number): number {
    this.refill(now);
    return now < this.pausedUntil ? 0 : this.tokens;
  }
}

/** Default bucket: 80% of the provider's hourly limit, small bursts. */
export const providerLimits = {
  linear: { perHour: 1_200, burst: 10 },
} as const;

/** At most one tracker write per issue per minute: the earliest time the next one may go out. */
export function nextWriteAt(lastWriteAt: number | null, now: number, minGapMs = 60_000): number {
  return lastWriteAt === null ? now : Math.max(now, lastWriteAt + minGapMs);
}
