/**
 * Customer names, e-mails and quotes may reach a tracker only when the config
 * allows it and, on GitHub, the repository is private: a public issue is not
 * the place for customer data. Linear issues are visible to the workspace only.
 */
export function mayShareCustomerData(input: {
  allowCustomerData: boolean;
  provider: 'github' | 'linear';
  isPrivate: boolean;
}): boolean {
  if (!input.allowCustomerData) return false;
  return input.provider === 'linear' || input.isPrivate;
}

/** Who a ticket came from, as far as redaction needs to know. */
export interface CustomerIdentity {
  key?: string | null;
  name?: string | null;
  company?: string | null;
  email?: string | null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Text for a tracker without the customer in it: e-mail addresses, phone-like
 * numbers, Slack mentions and user ids, and the customer's own name, company
 * and key (as typed anywhere in the quote) are replaced by a placeholder.
 */
export function redactCustomerData(text: string, customer: CustomerIdentity = {}): string {
  let out = text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[e-mail removed]')
    .replace(/\+?\d[\d ()-]{7,}\d/g, '[number removed]')
    .replace(/<[@!][UWB][A-Z0-9]+(\|[^>]*)?>/g, '[person removed]')
    .replace(/\b[UW](?=[A-Z0-9]*\d)[A-Z0-9]{8,}\b/g, '[person removed]');
  const whole = [customer.name, customer.company, customer.key?.replace(/^\w+:/, '')].filter(
    (s): s is string => !!s && s.trim().length >= 2,
  );
  // Longest first, so "Acme Corp" goes before "Acme".
  for (const s of whole.sort((a, b) => b.length - a.length)) {
    out = out.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(s.trim())}(?![\\p{L}\\p{N}])`, 'giu'),
      '[customer removed]',
    );
  }
  // A first or last name on its own ("Jane wrote…"); capitalised only, so ordinary words survive.
  for (const part of (customer.name ?? '').split(/\s+/).filter((p) => p.length >= 3)) {
    out = out.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(part)}(?![\\p{L}\\p{N}])`, 'gu'),
      '[customer removed]',
    );
  }
  return out;
}

/** The draft's line naming the customer, taken out again when the issue goes somewhere public. */
export const customerLinePattern = /^Customer: .*$\n?/gm;
