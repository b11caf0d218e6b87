import { createHmac } from 'node:crypto';

/** Signed Slack interactivity / command requests, and signed GitHub / Linear webhooks. */
export async function postSlack(target: { url: string; signingSecret: string }, body: string, nowMs: number): Promise<Response> {
  const ts = String(Math.floor(nowMs / 1000));
  const sig = `v0=${createHmac('sha256', target.signingSecret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': sig, 'x-slack-request-timestamp': ts }, body });
}

export const interactivity = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

export function slashCommand(fields: Record<string, string>): string {
  return new URLSearchParams({ token: 'x', team_id: 'T0TESTTEAM', channel_id: 'C0DUTY00001', user_id: 'U0OPERATOR', user_name: 'op', command: '/duty', trigger_id: 't.1', ...fields }).toString();
}

export async function postGitHubWebhook(url: string, secret: string | null, event: string, payload: unknown, delivery: string): Promise<Response> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': delivery };
  if (secret !== null) headers['x-hub-signature-256'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return fetch(`${url}/webhooks/github`, { method: 'POST', headers, body });
}

export async function postLinearWebhook(url: string, secret: string | null, payload: unknown, delivery: string): Promise<Response> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'linear-delivery': delivery, 'linear-event': String((payload as { type?: string }).type) };
  if (secret !== null) headers['linear-signature'] = createHmac('sha256', secret).update(body).digest('hex');
  return fetch(`${url}/webhooks/linear`, { method: 'POST', headers, body });
}
