import type { App } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { DomainError } from '../../../../domain/errors';
import { createIssueFromTicket } from '../../../../services/feedback/create-issue';
import { linkTicketToIssue, type LinkResult } from '../../../../services/feedback/link-ticket';
import { createViewId, linkViewId } from '../../blocks/feedback-link-modal';
import { linkModalFor } from '../actions/link-issue';

type Values = Record<string, Record<string, { selected_option?: { value: string } | null; value?: string | null }>>;

/** A DomainError's field errors, placed on the modal's blocks. */
function fieldErrors(err: unknown, fallbackBlock: string): Record<string, string> | null {
  if (!(err instanceof DomainError)) return null;
  return err.details && Object.keys(err.details).length > 0 ? err.details : { [fallbackBlock]: err.message };
}

/** Submitting the link modal and the create form. Errors come back as field errors in the modal. */
export function registerLinkIssueViews(app: App, ctx: Ctx): void {
  app.view(linkViewId, async ({ ack, body, view }) => {
    const { ticketId } = JSON.parse(view.private_metadata) as { ticketId: number };
    const choice = (view.state.values as Values).issue?.[
      Object.keys((view.state.values as Values).issue ?? {})[0] ?? ''
    ]?.selected_option?.value;
    if (!choice) {
      await ack({ response_action: 'errors', errors: { issue: 'Pick an issue from the list.' } });
      return;
    }
    let result: LinkResult;
    try {
      result = await linkTicketToIssue({ ctx: ctx, input: { ticketId, choice, linkedBy: body.user.id } });
    } catch (err) {
      const errors = fieldErrors(err, 'issue');
      if (!errors) ctx.log.error({ err }, 'feedback: linking failed');
      await ack({
        response_action: 'errors',
        errors: errors ?? { issue: 'Something went wrong on our side; nothing was linked. Try again.' },
      });
      return;
    }
    // Stay in the modal, showing the new link: several links per ticket are normal.
    await ack({ response_action: 'update', view: await linkModalFor(ctx, ticketId) });
    void result;
  });

  app.view(createViewId, async ({ ack, body, view }) => {
    const { ticketId } = JSON.parse(view.private_metadata) as { ticketId: number };
    const v = view.state.values as Values;
    const provider = v.tracker?.value?.selected_option?.value as 'github' | 'linear' | undefined;
    if (!provider) {
      await ack({ response_action: 'errors', errors: { tracker: 'Pick a tracker.' } });
      return;
    }
    try {
      await createIssueFromTicket({
        ctx: ctx,
        input: {
          ticketId,
          provider,
          title: v.title?.value?.value ?? '',
          body: v.body?.value?.value ?? '',
          linkedBy: body.user.id,
        },
      });
    } catch (err) {
      const errors = fieldErrors(err, 'title');
      if (!errors) ctx.log.error({ err }, 'feedback: creating an issue failed');
      await ack({
        response_action: 'errors',
        errors: errors ?? { title: 'Something went wrong on our side; no issue was created. Try again.' },
      });
      return;
    }
    await ack({ response_action: 'clear' });
  });
}
