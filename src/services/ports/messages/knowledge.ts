import type { OfferedPrecedent } from '../knowledge';

/** The messages the knowledge area sends (see ../notify.ts); each kind has one renderer in adapters/slack/messages. */
export type KnowledgeMessage =
  /** The precedents reply in a card's thread (`ts`), redrawn with the verdicts given so far. */
  { kind: 'knowledge.precedents_redrawn'; channel: string; ts: string; ticketId: number; offered: OfferedPrecedent[] };
