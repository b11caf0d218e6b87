import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { customerOf, draftIssue } from '../../../../services/feedback/create-issue';
import { getTicketLinks } from '../../../../services/feedback/get-ticket-links';
import { unlinkTicketFromIssue } from '../../../../services/feedback/link-ticket';
import { searchIssues } from '../../../../services/feedback/search-issues';
import type { IssueTracker } from '../../../../services/ports/issue-tracker';
import {
  createIssueModal,
  createModeActionId,
  issueOptions,
  linkModal,
  searchActionId,
  unlinkActionId,
} from '../../blocks/feedback-link-modal';
import { friendlySlackError } from '../../errors';

export async function linkModalFor(ctx: Ctx, ticketId: number) {
  const { ticket, issues } = await getTicketLinks({ ctx, input: { ticketId } });
  return linkModal(
    ticket,
    issues.map((i) => ({ issueId: i.id, key: i.key, title: i.title, url: i.url, state: i.state })),
    Object.keys(ctx.trackers).length > 0,
  );
}

/** The ticket card's "Link to issue" button, the modal's buttons and its search box. */
export function registerLinkIssueActions(app: App, ctx: Ctx): void {
  app.action<BlockAction<ButtonAction>>('ticket.link_issue', async ({ ack, body, action, client, respond }) => {
    await ack();
    try {
      const view = await linkModalFor(ctx, Number(action.value));
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (err) {
      ctx.log.warn({ err }, 'feedback: could not open the link modal');
      await respond({ response_type: 'ephemeral', replace_original: false, text: friendlySlackError(err) }).catch(
        () => undefined,
      );
    }
  });

  app.action<BlockAction<ButtonAction>>(createModeActionId, async ({ ack, body, action, client }) => {
    await ack();
    const ticketId = Number(action.value);
    const { ticket } = await getTicketLinks({ ctx, input: { ticketId } });
    const providers = Object.keys(ctx.trackers) as ('github' | 'linear')[];
    await client.views.push({
      trigger_id: body.trigger_id,
      view: createIssueModal(
        ticketId,
        draftIssue(ticket, ctx.config.file.feedback.allowCustomerData, await customerOf(ctx, ticket)),
        providers,
      ),
    });
  });

  app.action<BlockAction<ButtonAction>>(unlinkActionId, async ({ ack, body, action, client }) => {
    await ack();
    const [ticketId, issueId] = action.value!.split(':').map(Number) as [number, number];
    await unlinkTicketFromIssue({ ctx, input: { ticketId, issueId } });
    if (body.view)
      await client.views.update({
        view_id: body.view.id,
        hash: body.view.hash,
        view: await linkModalFor(ctx, ticketId),
      });
  });

  app.options(searchActionId, async ({ ack, body, payload }) => {
    try {
      const meta = JSON.parse((body as { view?: { private_metadata?: string } }).view?.private_metadata || '{}') as {
        ticketId?: number;
      };
      const query = payload.value ?? '';
      let pasted: { value: string; key: string; title: string; state: 'open' } | undefined;
      for (const t of Object.values(ctx.trackers) as IssueTracker[]) {
        const ref = t.parseRef(query);
        if (ref) {
          pasted = {
            value: t.provider === 'linear' ? `linear:${ref}|${ref}` : `github:${ref}`,
            key: ref,
            title: '(pasted link)',
            state: 'open' as const,
          };
          break;
        }
      }
      const result = await searchIssues({
        ctx: ctx,
        input: { query: pasted ? '' : query, ticketId: meta.ticketId },
      });
      await ack(issueOptions(pasted ? { ...result, github: [], linear: [] } : result, pasted) as never);
    } catch (err) {
      ctx.log.warn({ err }, 'feedback: issue search failed');
      await ack({ options: [] });
    }
  });
}
