import { parseMarkdown, plainText, slugOf, type MdBlock } from './markdown';

/** A heading of a markdown runbook and the text under it, as the search indexes it. */
export interface RunbookSection {
  /** `file#slug`, stable while the heading keeps its words. */
  key: string;
  /** Path relative to the runbooks folder, e.g. `everything-is-down.md`. */
  file: string;
  /** The runbook's title (its first heading, else the file name). */
  runbook: string;
  heading: string;
  text: string;
  /** Where a person reads it (the dashboard's runbook page), when PUBLIC_URL is set. */
  url: string | null;
}

export interface ParsedRunbook {
  file: string;
  title: string;
  sections: RunbookSection[];
}

/** A block as the words a person searches for: list items on their own lines, code as written. */
function blockText(b: MdBlock): string {
  switch (b.type) {
    case 'paragraph':
    case 'quote':
      return plainText(b.text);
    case 'list':
      return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${plainText(item)}`).join('\n');
    case 'code':
      return b.text;
    default:
      return '';
  }
}

/**
 * A runbook split section by section: each heading with the text up to the
 * next heading. The title is the first heading (else the file name), and text
 * before the first heading belongs to the title's section.
 */
export function splitRunbook(
  file: string,
  source: string,
  urlOf: (file: string, slug: string) => string | null,
): ParsedRunbook {
  const blocks = parseMarkdown(source);
  const firstHeading = blocks.find((b): b is Extract<MdBlock, { type: 'heading' }> => b.type === 'heading');
  const fallback = file.replace(/^.*\//, '').replace(/\.md$/i, '');
  const title = firstHeading?.text || fallback;
  const sections: { heading: string; slug: string; parts: string[] }[] = [];
  const preamble: string[] = [];
  for (const b of blocks) {
    if (b.type === 'heading') {
      sections.push({ heading: b.text || fallback, slug: b.slug, parts: b === firstHeading ? preamble : [] });
      continue;
    }
    const text = blockText(b).trim();
    if (!text) continue;
    (sections.at(-1)?.parts ?? preamble).push(text);
  }
  // No heading at all: the whole file is one section under its file name.
  if (!firstHeading && preamble.length) sections.push({ heading: fallback, slug: slugOf(fallback), parts: preamble });
  return {
    file,
    title,
    sections: sections.map((s) => ({
      key: `${file}#${s.slug}`,
      file,
      runbook: title,
      heading: s.heading,
      text: s.parts.join('\n\n'),
      url: urlOf(file, s.slug),
    })),
  };
}
