/** Who asked, as known at intake. */
export interface CustomerInput {
  slackUserId?: string | null;
  email?: string | null;
  name?: string | null;
  company?: string | null;
  id?: string | null;
}

/**
 * The identity used to count distinct customers: the company if known (two
 * people of one company are one customer), else the e-mail, else the Slack user,
 * else the helpdesk's own id. Null when nothing identifies them.
 */
export function customerKey(c: CustomerInput): string | null {
  const company = c.company?.trim().toLowerCase();
  if (company) return `company:${company}`;
  const email = c.email?.trim().toLowerCase();
  if (email) return `email:${email}`;
  if (c.slackUserId) return `slack:${c.slackUserId}`;
  if (c.id?.trim()) return `id:${c.id.trim()}`;
  return null;
}
