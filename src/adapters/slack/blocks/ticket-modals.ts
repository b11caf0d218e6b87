import type { View } from '@slack/types';
import { trimText } from './ticket-card';

export const createTicketCallback = 'ticket.create';
export const resolveTicketCallback = 'ticket.resolve';

export interface CreateModalMeta {
  source: 'shortcut' | 'command';
  channel?: string;
  ts?: string;
  requester?: string;
}

const priorities = ['low', 'normal', 'high', 'urgent'] as const;
const option = (p: string) => ({
  text: { type: 'plain_text' as const, text: p[0]!.toUpperCase() + p.slice(1) },
  value: p,
});

/** The "Create duty ticket" modal (message shortcut and `/duty ticket`): summary, customer, priority. */
export function createTicketModal(meta: CreateModalMeta, summary = ''): View {
  return {
    type: 'modal',
    callback_id: createTicketCallback,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: 'Create duty ticket' },
    submit: { type: 'plain_text', text: 'Create' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'summary',
        label: { type: 'plain_text', text: 'Summary' },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: 3000,
          ...(summary ? { initial_value: trimText(summary, 3000) } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'customer',
        optional: true,
        label: { type: 'plain_text', text: 'Customer' },
        hint: { type: 'plain_text', text: 'Name, e-mail or company' },
        element: { type: 'plain_text_input', action_id: 'value', max_length: 256 },
      },
      {
        type: 'input',
        block_id: 'priority',
        label: { type: 'plain_text', text: 'Priority' },
        element: {
          type: 'static_select',
          action_id: 'value',
          options: priorities.map(option),
          initial_option: option('normal'),
        },
      },
    ],
  };
}

/** Asks for the one-line resolution. */
export function resolveTicketModal(ticketId: number): View {
  return {
    type: 'modal',
    callback_id: resolveTicketCallback,
    private_metadata: JSON.stringify({ ticketId }),
    title: { type: 'plain_text', text: `Resolve ticket #${ticketId}`.slice(0, 24) },
    submit: { type: 'plain_text', text: 'Resolve' },
    blocks: [
      {
        type: 'input',
        block_id: 'resolution',
        label: { type: 'plain_text', text: 'How was it resolved? (one line)' },
        element: { type: 'plain_text_input', action_id: 'value', max_length: 500 },
      },
    ],
  };
}

/** Customer field: an e-mail, or "Name (Company)", or a name. */
export function parseCustomerField(raw: string | null | undefined): {
  email?: string;
  name?: string;
  company?: string;
} {
  const s = raw?.trim();
  if (!s) return {};
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)) return { email: s };
  const m = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(s);
  if (m?.[1]) return { name: m[1], company: m[2]!.trim() };
  return { name: s };
}
