/**
 * Trigger ids handed out with the interactive payloads the tests send
 * (slack-requests.ts), with when each was issued: Slack accepts a trigger for
 * 3 seconds, and the fake Slack checks that against its own clock.
 */
const issued = new Map<string, number>();
let seq = 0;

export const triggerLifetimeMs = 3000;

export function issueTriggerId(now = Date.now()): string {
  seq += 1;
  const id = `${seq}.${Math.floor(now / 1000)}.${now.toString(16)}${seq.toString(16)}`;
  issued.set(id, now);
  return id;
}

/** When `id` was issued; undefined for an id the tests made up by hand. */
export function triggerIssuedAt(id: string): number | undefined {
  return issued.get(id);
}
