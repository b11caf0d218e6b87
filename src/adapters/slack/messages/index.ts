import type { Message } from '../../../services/ports/notify';
import type { SlackCall } from '../outbox';
import { feedbackMessages } from './feedback';
import { knowledgeMessages } from './knowledge';
import { rotationMessages } from './rotation';
import { ticketsMessages } from './tickets';

const renderers: Record<string, (message: never) => SlackCall> = {
  ...ticketsMessages,
  ...rotationMessages,
  ...feedbackMessages,
  ...knowledgeMessages,
};

/** The Slack call that says `message`: Block Kit and text, outside text escaped. */
export function renderMessage(message: Message): SlackCall {
  const render = renderers[(message as { kind: string }).kind] as ((m: Message) => SlackCall) | undefined;
  if (!render) throw new Error(`no renderer for message kind ${(message as { kind: string }).kind}`);
  return render(message);
}
