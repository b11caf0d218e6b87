import { validateMessageBlocks, validateView } from './slack-block-kit';
import { channelOf, kindOf, membershipError, type FakeChannel } from './slack-channels';
import type { TierLimiter } from './slack-rate-tiers';
import { requiredScope } from './slack-scopes';
import { triggerIssuedAt, triggerLifetimeMs } from './slack-triggers';

/**
 * The checks real Slack makes before it performs a call, in its order: scope,
 * rate tier, arguments (Block Kit, required values, trigger age), then the
 * conversation. Each refusal is answered as Slack answers it.
 */
export interface StrictWorld {
  channels: Map<string, FakeChannel>;
  scopes: string[];
  limiter: TierLimiter;
  now(): number;
}

export interface Refusal {
  status: 200 | 429;
  body: Record<string, unknown> & { error: string };
  headers?: Record<string, string>;
}

const messageMethods = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);
const viewMethods = new Set(['views.open', 'views.push', 'views.update', 'views.publish']);
const triggerMethods = new Set(['views.open', 'views.push']);

const invalid = (error: string, messages: string[]): Refusal => ({
  status: 200,
  body: {
    ok: false,
    error,
    errors: messages.map((m) => m.replace(/^\[ERROR\] /, '')),
    response_metadata: { messages },
  },
});

export function strictRefusal(
  method: string,
  args: Record<string, unknown>,
  token: string | undefined,
  world: StrictWorld,
): Refusal | undefined {
  const channel = channelOf(method, args);
  if (token?.startsWith('xoxb-')) {
    const needed = requiredScope(method, kindOf(world.channels, channel));
    if (needed && !world.scopes.includes(needed)) {
      return { status: 200, body: { ok: false, error: 'missing_scope', needed, provided: world.scopes.join(',') } };
    }
  }
  const retryAfter = world.limiter.take(method);
  if (retryAfter !== undefined)
    return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(retryAfter) } };

  if (messageMethods.has(method) && args.blocks !== undefined) {
    const problems = validateMessageBlocks(args.blocks);
    if (problems.length > 0) return invalid('invalid_blocks', problems);
  }
  if (viewMethods.has(method)) {
    const problems = validateView(args.view);
    if (problems.length > 0) return invalid('invalid_arguments', problems);
  }
  if (
    method === 'usergroups.users.update' &&
    String(args.users ?? '')
      .split(',')
      .filter((u) => u.trim()).length === 0
  ) {
    return invalid('invalid_arguments', ['[ERROR] missing required field: users']);
  }
  if (triggerMethods.has(method) && typeof args.trigger_id === 'string') {
    const issuedAt = triggerIssuedAt(args.trigger_id);
    if (issuedAt !== undefined && world.now() - issuedAt > triggerLifetimeMs)
      return { status: 200, body: { ok: false, error: 'expired_trigger_id' } };
  }
  if (channel !== undefined) {
    if (channel === '') return { status: 200, body: { ok: false, error: 'channel_not_found' } };
    const error = membershipError(method, channel, world.channels, world.scopes);
    if (error) return { status: 200, body: { ok: false, error } };
  }
  return undefined;
}
