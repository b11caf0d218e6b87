/**
 * The small part of markdown runbooks are written in: ATX headings, paragraphs,
 * lists, fenced code, quotes and rules, with inline code, bold, italics and
 * links. Parsed into plain values so a presenter escapes every character; raw
 * HTML is never passed through, it is text like any other.
 */
export type MdBlock =
  | { type: 'heading'; level: number; text: string; slug: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'code'; text: string }
  | { type: 'quote'; text: string }
  | { type: 'rule' };

export type MdInline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; text: string }
  | { type: 'em'; text: string }
  | { type: 'link'; href: string | null; label: string };

const headingLine = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const fenceLine = /^ {0,3}(`{3,}|~{3,})/;
const listLine = /^ {0,3}([-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const ruleLine = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const quoteLine = /^ {0,3}>[ ]?(.*)$/;

/** The anchor of a heading: lower-case letters and digits of any script, words joined by dashes. */
export function slugOf(heading: string): string {
  const slug = heading
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/[\s-]+/g, '-');
  return slug || 'section';
}

/** The blocks of a markdown text, with a unique slug per heading (repeats get -1, -2…). */
export function parseMarkdown(source: string): MdBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MdBlock[] = [];
  const slugs = new Map<string, number>();
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ type: 'paragraph', text: para.join(' ').trim() });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = fenceLine.exec(line);
    if (fence) {
      flush();
      const body: string[] = [];
      const closing = new RegExp(`^ {0,3}${fence[1]![0] === '`' ? '`' : '~'}{${fence[1]!.length},}[ \\t]*$`);
      for (i++; i < lines.length && !closing.test(lines[i]!); i++) body.push(lines[i]!);
      blocks.push({ type: 'code', text: body.join('\n') });
      continue;
    }
    const heading = headingLine.exec(line);
    if (heading) {
      flush();
      const text = (heading[2] ?? '').trim();
      const base = slugOf(text);
      const seen = slugs.get(base) ?? 0;
      slugs.set(base, seen + 1);
      blocks.push({ type: 'heading', level: heading[1]!.length, text, slug: seen ? `${base}-${seen}` : base });
      continue;
    }
    if (ruleLine.test(line)) {
      flush();
      blocks.push({ type: 'rule' });
      continue;
    }
    const item = listLine.exec(line);
    if (item) {
      flush();
      const ordered = /\d/.test(item[1]!);
      const last = blocks.at(-1);
      const list =
        last?.type === 'list' && last.ordered === ordered ? last : { type: 'list' as const, ordered, items: [] };
      if (list !== last) blocks.push(list);
      list.items.push(item[2]!.trim());
      // An indented line right under an item continues it (a wrapped line or a nested item).
      while (i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1]!) && !fenceLine.test(lines[i + 1]!)) {
        list.items[list.items.length - 1] += ` ${lines[++i]!.trim().replace(/^([-*+]|\d{1,9}[.)])\s+/, '')}`;
      }
      continue;
    }
    const quote = quoteLine.exec(line);
    if (quote) {
      flush();
      const last = blocks.at(-1);
      if (last?.type === 'quote') last.text += `\n${quote[1]}`;
      else blocks.push({ type: 'quote', text: quote[1]! });
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    para.push(line.trim());
  }
  flush();
  return blocks;
}

/** Only http(s) links survive; anything else (javascript:, data:, relative) is shown as its label. */
export function httpHref(url: string): string | null {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

// Every repeat is bounded, so a pathological line (a megabyte of `[` or `http://`) costs a bounded scan per character, never a quadratic one.
const inlinePattern =
  /`([^`]{1,2000})`|\*\*([^*]{1,1000})\*\*|__([^_]{1,1000})__|\[([^\]]{0,200})\]\(([^)\s]{0,1000})(?:\s+"[^"]{0,200}")?\)|<(https?:\/\/[^>\s]{1,1000})>|(https?:\/\/[^\s<>()]{0,1000}[^\s<>().,;:!?'"])|\*([^*\s][^*]{0,1000})\*|(?<![\p{L}\p{N}])_([^_\s][^_]{0,1000})_(?![\p{L}\p{N}])/gu;

/** The inline pieces of one block's text. */
export function parseInline(text: string): MdInline[] {
  const out: MdInline[] = [];
  let at = 0;
  for (const m of text.matchAll(inlinePattern)) {
    if (m.index! > at) out.push({ type: 'text', text: text.slice(at, m.index) });
    const [, code, strong1, strong2, label, href, angle, bare, em1, em2] = m;
    if (code !== undefined) out.push({ type: 'code', text: code });
    else if (strong1 !== undefined || strong2 !== undefined) out.push({ type: 'strong', text: (strong1 ?? strong2)! });
    else if (label !== undefined) out.push({ type: 'link', href: httpHref(href ?? ''), label: label || (href ?? '') });
    else if (angle !== undefined || bare !== undefined)
      out.push({ type: 'link', href: httpHref((angle ?? bare)!), label: (angle ?? bare)! });
    else out.push({ type: 'em', text: (em1 ?? em2)! });
    at = m.index! + m[0].length;
  }
  if (at < text.length) out.push({ type: 'text', text: text.slice(at) });
  return out;
}

/** A block's words without markup, for the search index and short previews. */
export function plainText(text: string): string {
  return parseInline(text)
    .map((p) => (p.type === 'link' ? p.label : p.text))
    .join('');
}
