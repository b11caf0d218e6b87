import type { KnownBlock, View } from '@slack/types';
import type { IssueChoice, IssueSearchResult } from '../../../services/feedback/search-issues';
import { escapeMrkdwn, mrkdwnLink } from '../../../domain/text/mrkdwn';

export const linkViewId = 'feedback.link_issue';
export const createViewId = 'feedback.create_issue';
export const searchActionId = 'feedback.issue_search';
export const createModeActionId = 'feedback.create_mode';
export const unlinkActionId = 'feedback.unlink';

export interface ModalTicket {
  id: number;
  subject: string | null;
  text: string;
}
export interface ModalLink {
  issueId: number;
  key: string;
  title: string;
  url: string;
  state: 'open' | 'closed';
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The Link-to-issue modal: one search box, a way to create a new issue, the current links with Unlink. */
export function linkModal(ticket: ModalTicket, links: ModalLink[], canCreate: boolean): View {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Ticket #${ticket.id}*\n>${escapeMrkdwn(cut((ticket.subject ? `${ticket.subject} — ` : '') + ticket.text, 280)).replace(/\n/g, '\n>')}`,
      },
    },
    {
      type: 'input',
      block_id: 'issue',
      label: plain('Issue'),
      hint: plain(
        'Suggestions first: issues linked by tickets that read alike. Type to search GitHub and Linear, or paste an issue URL.',
      ),
      element: {
        type: 'external_select',
        action_id: searchActionId,
        placeholder: plain('Search issues or paste a URL'),
        min_query_length: 0,
      },
    },
  ];
  if (canCreate) {
    blocks.push({
      type: 'actions',
      block_id: 'create',
      elements: [
        { type: 'button', action_id: createModeActionId, text: plain('Create new issue'), value: String(ticket.id) },
      ],
    });
  }
  if (links.length > 0) {
    blocks.push(
      { type: 'divider' },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `Linked to ${links.length} issue${links.length === 1 ? '' : 's'}` }],
      },
    );
    for (const l of links) {
      blocks.push({
        type: 'section',
        block_id: `link_${l.issueId}`,
        text: {
          type: 'mrkdwn',
          text: `${mrkdwnLink(l.url, l.key)} ${escapeMrkdwn(cut(l.title, 120))}${l.state === 'closed' ? ' _(closed)_' : ''}`,
        },
        accessory: {
          type: 'button',
          action_id: unlinkActionId,
          text: plain('Unlink'),
          value: `${ticket.id}:${l.issueId}`,
          style: 'danger',
        },
      });
    }
  }
  return {
    type: 'modal',
    callback_id: linkViewId,
    private_metadata: JSON.stringify({ ticketId: ticket.id }),
    title: plain('Link to issue'),
    submit: plain('Link'),
    close: plain('Close'),
    blocks,
  };
}

/** The create form, prefilled from the ticket. */
export function createIssueModal(
  ticketId: number,
  draft: { title: string; body: string },
  providers: ('github' | 'linear')[],
): View {
  const names = { github: 'GitHub', linear: 'Linear' } as const;
  const options = providers.map((p) => ({ text: plain(names[p]), value: p }));
  return {
    type: 'modal',
    callback_id: createViewId,
    private_metadata: JSON.stringify({ ticketId }),
    title: plain('Create issue'),
    submit: plain('Create and link'),
    close: plain('Back'),
    blocks: [
      {
        type: 'input',
        block_id: 'tracker',
        label: plain('Tracker'),
        element: {
          type: 'static_select',
          action_id: 'value',
          options,
          ...(options[0] ? { initial_option: options[0] } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'title',
        label: plain('Title'),
        element: { type: 'plain_text_input', action_id: 'value', initial_value: draft.title, max_length: 200 },
      },
      {
        type: 'input',
        block_id: 'body',
        label: plain('Description'),
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, initial_value: draft.body },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'Describe the problem the customer has, not a solution. Customer names and e-mails stay out unless your config allows them.',
          },
        ],
      },
    ],
  };
}

const optionOf = (c: IssueChoice) => ({
  text: plain(cut(`${c.key} ${c.title}${c.state === 'closed' ? ' (closed)' : ''}`, 75)),
  value: cut(c.value, 150),
});

/** The search box's answer: suggestions first, then each tracker. */
export function issueOptions(
  r: IssueSearchResult,
  pasted?: IssueChoice,
): { option_groups: { label: ReturnType<typeof plain>; options: ReturnType<typeof optionOf>[] }[] } | { options: [] } {
  const groups = [
    { label: plain('Pasted link'), options: pasted ? [optionOf(pasted)] : [] },
    { label: plain('Linked by similar tickets'), options: r.suggested.map(optionOf) },
    { label: plain('GitHub'), options: r.github.map(optionOf) },
    { label: plain('Linear'), options: r.linear.map(optionOf) },
  ].filter((g) => g.options.length > 0);
  return groups.length > 0 ? { option_groups: groups } : { options: [] };
}
