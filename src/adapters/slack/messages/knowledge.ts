import type { KnowledgeMessage } from '../../../services/ports/messages/knowledge';
import { precedentsBlocks } from '../blocks/precedents';
import type { Renderers } from './render';

/** How each message of the knowledge area looks in Slack. */
export const knowledgeMessages: Renderers<KnowledgeMessage> = {
  'knowledge.precedents_redrawn': (m) => ({
    method: 'chat.update',
    args: { channel: m.channel, ts: m.ts, ...precedentsBlocks(m.ticketId, m.offered) },
  }),
};
