import { createHmac } from 'node:crypto';

/** Signed Slack interactivity / command requests, and signed GitHub / Linear webhooks. */
export async function postSlack(
  target: { url: string; signingSecret: string },
  body: string,
  nowMs: number,
): Promise<Response> {
  const ts = String(Math.floor(nowMs / 1000));
  const sig = `v0=${createHmac('sha256', target.signingSecret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-signature': sig,
      'x-slack-request-timestamp': ts,
    },
    body,
  });
}

export const interactivity = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

export function slashCommand(fields: Record<string, string>): string {
  return new URLSearchParams({
    token: 'x',
    team_id: 'T0TESTTEAM',
    channel_id: 'C0DUTY00001',
    user_id: 'U0OPERATOR',
    user_name: 'op',
    command: '/duty',
    trigger_id: 't.1',
    ...fields,
  }).toString();
}

/** GitHub's `X-Hub-Signature-256` header for this raw body. */
export function signGitHubWebhook(secret: string, body: string): { 'x-hub-signature-256': string } {
  return { 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` };
}

/** Linear's `Linear-Signature` header (bare hex) for this raw body. */
export function signLinearWebhook(secret: string, body: string): { 'linear-signature': string } {
  return { 'linear-signature': createHmac('sha256', secret).update(body).digest('hex') };
}

let deliverySeq = 0;
const newDelivery = () => `00000000-0000-4000-8000-${String(++deliverySeq).padStart(12, '0')}`;

/** `url` is the app's base (the path `/webhooks/github` is added) or the full webhook URL. A null secret sends no signature. */
export async function postGitHubWebhook(
  url: string,
  secret: string | null,
  event: string,
  payload: unknown,
  delivery = newDelivery(),
): Promise<Response> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/fake',
    'x-github-event': event,
    'x-github-delivery': delivery,
  };
  if (secret !== null) Object.assign(headers, signGitHubWebhook(secret, body));
  return fetch(withPath(url, '/webhooks/github'), { method: 'POST', headers, body });
}

/**
 * A Linear delivery: `Linear-Delivery`, `Linear-Event` (the payload's `type`) and,
 * unless the payload has one, `webhookTimestamp` set to now in milliseconds as Linear does.
 */
export async function postLinearWebhook(
  url: string,
  secret: string | null,
  payload: Record<string, unknown>,
  delivery = newDelivery(),
): Promise<Response> {
  const full = 'webhookTimestamp' in payload ? payload : { ...payload, webhookTimestamp: Date.now() };
  const body = JSON.stringify(full);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Linear-Webhook',
    'linear-delivery': delivery,
    'linear-event': String(full.type),
  };
  if (secret !== null) Object.assign(headers, signLinearWebhook(secret, body));
  return fetch(withPath(url, '/webhooks/linear'), { method: 'POST', headers, body });
}

function withPath(url: string, path: string): string {
  return url.endsWith(path) ? url : `${url.replace(/\/$/, '')}${path}`;
}
