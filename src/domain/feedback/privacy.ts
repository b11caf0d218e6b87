/**
 * Customer names, e-mails and quotes may reach a tracker only when the config
 * allows it and, on GitHub, the repository is private: a public issue is not
 * the place for customer data. Linear issues are visible to the workspace only.
 */
export function mayShareCustomerData(input: { allowCustomerData: boolean; provider: 'github' | 'linear'; isPrivate: boolean }): boolean {
  if (!input.allowCustomerData) return false;
  return input.provider === 'linear' || input.isPrivate;
}

/** Ticket text as an issue body, stripped of e-mail addresses and phone-like numbers unless sharing is allowed. */
export function redactCustomerData(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[e-mail removed]')
    .replace(/\+?\d[\d ()-]{7,}\d/g, '[number removed]');
}
