import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Context } from 'hono';
import type { Logger } from '../logger';
import type { Clock } from '../../domain/clock';
import { verifySlackSignature } from './signature';
import { bodyText } from '../http/body';

// The header-only check lives beside the full one; the doors in front of /slack/events use it.
export { slackHeadersProblem } from './signature';

/** Slack gives up on a request after 3 s; answer before that even if no listener acks. */
const ackDeadlineMs = 2500;

/**
 * Feeds Bolt from the hono route POST /slack/events: events, interactivity and
 * slash commands arrive on the same URL, as Slack sends them. The HTTP answer
 * goes out as soon as a listener calls ack(); the listener may keep working.
 */
export class HonoReceiver implements Receiver {
  private app: App | undefined;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly opts: { signingSecret: string; clock: Clock; log: Logger; onRequest?: (kind: string) => void },
  ) {}

  init(app: App): void {
    this.app = app;
  }

  // The hono server owns the socket; Bolt's start/stop have nothing to open.
  async start(): Promise<void> {}
  async stop(): Promise<void> {
    await this.drain();
  }

  /** Waits for listeners still working after their ack (graceful shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  async handle(c: Context): Promise<Response> {
    const rawBody = await bodyText(c);
    const check = verifySlackSignature({
      signingSecret: this.opts.signingSecret,
      signature: c.req.header('x-slack-signature'),
      timestamp: c.req.header('x-slack-request-timestamp'),
      rawBody,
      nowMs: this.opts.clock.now().getTime(),
    });
    if (!check.ok) {
      this.opts.log.warn({ reason: check.reason }, 'slack: rejected a request');
      return c.json({ error: 'invalid_signature', reason: check.reason }, 401);
    }

    const body = parseBody(rawBody, c.req.header('content-type'));
    if (!body) return c.json({ error: 'malformed_body' }, 400);
    this.opts.onRequest?.(kindOf(body));
    if (body.type === 'url_verification') return c.json({ challenge: body.challenge });
    if (body.ssl_check) return c.body(null, 200);
    if (!this.app) return c.json({ error: 'not_ready' }, 503);

    let settle!: (r: Response) => void;
    const answered = new Promise<Response>((resolve) => (settle = resolve));
    let acked = false;
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        if (response === undefined || response === '') settle(c.body(null, 200));
        else if (typeof response === 'string') settle(c.text(response, 200));
        else settle(c.json(response as object, 200));
      },
      retryNum: numberOrUndefined(c.req.header('x-slack-retry-num')),
      retryReason: c.req.header('x-slack-retry-reason'),
      customProperties: { requestId: c.get('requestId') },
    };

    const work = this.app
      .processEvent(event)
      .catch((err: unknown) => this.opts.log.error({ err, requestId: c.get('requestId') }, 'slack: listener failed'))
      .finally(() => {
        this.inFlight.delete(work);
        if (!acked) {
          acked = true;
          settle(c.body(null, 200));
        }
      });
    this.inFlight.add(work);

    const timer = setTimeout(() => {
      if (!acked) {
        this.opts.log.warn({ requestId: c.get('requestId') }, 'slack: no ack in time, answering 200');
        acked = true;
        settle(c.body(null, 200));
      }
    }, ackDeadlineMs);
    try {
      return await answered;
    } finally {
      clearTimeout(timer);
    }
  }
}

type SlackBody = Record<string, unknown> & { type?: string; challenge?: string; ssl_check?: string };

function parseBody(raw: string, contentType: string | undefined): SlackBody | undefined {
  try {
    if (contentType?.includes('application/json')) return JSON.parse(raw) as SlackBody;
    const form = Object.fromEntries(new URLSearchParams(raw)) as Record<string, string>;
    // Interactivity is form-encoded with the JSON in `payload`; slash commands are plain fields.
    if (typeof form.payload === 'string') return JSON.parse(form.payload) as SlackBody;
    if (!form.command && !form.ssl_check) return undefined;
    return form;
  } catch {
    return undefined;
  }
}

function numberOrUndefined(v: string | undefined): number | undefined {
  const n = Number(v);
  return v !== undefined && Number.isFinite(n) ? n : undefined;
}

/** A low-cardinality label for metrics: the event type, the command, or the interaction type. */
function kindOf(body: SlackBody): string {
  if (body.type === 'event_callback')
    return `event:${String((body.event as { type?: string } | undefined)?.type ?? 'unknown')}`;
  if (typeof body.command === 'string') return 'command';
  return String(body.type ?? 'unknown');
}
