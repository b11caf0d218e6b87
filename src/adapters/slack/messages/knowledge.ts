import type { KnowledgeMessage } from '../../../services/ports/messages/knowledge';
import type { Renderers } from './render';

/** How each message of the knowledge area looks in Slack. */
export const knowledgeMessages: Renderers<KnowledgeMessage> = {};
