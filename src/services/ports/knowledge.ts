import type { RunbookSection } from '../../domain/knowledge/runbook-sections';
import type { PrecedentVerdict } from './knowledge-store';

export type { RunbookSection };

/** The runbooks folder, read at start and re-read when a file changes. */
export interface RunbookLibrary {
  sections(): RunbookSection[];
  runbooks(): { file: string; title: string; url: string | null; sections: number }[];
  /** Bumped on every re-read, so an index can tell it is stale. */
  version(): number;
}

/** One answer of the knowledge search: a resolved ticket or a runbook section. */
export interface KnowledgeHit {
  kind: 'ticket' | 'runbook';
  /** Ticket id, or the runbook section key. */
  id: number | string;
  title: string;
  /** A ticket's resolution note; a runbook section's text (shortened). */
  resolution: string | null;
  resolvedBy: string | null;
  /** Epoch ms. */
  resolvedAt: number | null;
  /** Higher is more relevant; comparable within one answer only. */
  score: number;
  /** The ticket's card (permalink) or the runbook section's page. */
  url: string | null;
}

/** A precedent as offered in a ticket's thread, with the verdict given on it so far. */
export interface OfferedPrecedent {
  suggestionId: number;
  hit: KnowledgeHit;
  verdict: PrecedentVerdict | null;
  verdictBy: string | null;
}
