import type { DocTerms } from '../../domain/knowledge/similarity';
import { terms } from '../../domain/knowledge/terms';
import type { RunbookLibrary, RunbookSection } from '../ports/knowledge';

export interface IndexedSection {
  section: RunbookSection;
  doc: DocTerms;
}

/**
 * Runbook sections are few (tens to hundreds): their terms are kept in memory
 * and re-read when the library's version moves. The heading is the section's
 * "question" and its text counts like a resolution note.
 */
const cache = new WeakMap<RunbookLibrary, { version: number; sections: IndexedSection[] }>();

export function indexedSections(library: RunbookLibrary | undefined): IndexedSection[] {
  if (!library) return [];
  const version = library.version();
  const hit = cache.get(library);
  if (hit && hit.version === version) return hit.sections;
  const sections = library.sections().map((section) => ({
    section,
    doc: { question: terms(section.heading), resolution: terms(section.text), issues: terms(section.runbook) },
  }));
  cache.set(library, { version, sections });
  return sections;
}
