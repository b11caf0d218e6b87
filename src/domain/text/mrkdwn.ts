/**
 * Slack mrkdwn treats `<…>` as a control sequence (mentions, `<!channel>`, links)
 * and `&` as the start of an entity. Text from outside — customers, helpdesks,
 * trackers, the public rating page — goes through here before it enters a
 * mrkdwn text object or a message's top-level `text`, so it reads as typed and
 * can never ping, link or reformat anything.
 */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The URL as it may stand inside `<…|…>`: only http(s), taken from the parsed
 * URL (never the raw string), with the characters that would end the link or
 * start a label percent-encoded. Null for anything else (javascript:, mailto:,
 * relative or malformed).
 */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/ /g, '%20');
}

/** A link with an escaped label, or just the escaped label when the URL is not plain http(s). */
export function mrkdwnLink(url: string | null | undefined, label: string): string {
  const href = safeHref(url);
  const text = escapeMrkdwn(label);
  if (!href) return text;
  return text ? `<${href}|${text}>` : `<${href}>`;
}

/** A live mention only for what is shaped like a Slack user id; anything else is shown as typed. */
export function mentionUser(id: string | null | undefined): string {
  if (!id) return 'someone';
  return /^[UW][A-Z0-9]{2,}$/.test(id) ? `<@${id}>` : escapeMrkdwn(id);
}
