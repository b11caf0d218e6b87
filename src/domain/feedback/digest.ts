/** The weekly digest's sections, from the demand board's 7-day rows. Numbers only. */
export interface DigestRow {
  issueId: number;
  key: string;
  title: string;
  url: string;
  customers: number;
  tickets: number;
  previousCustomers: number | null;
  customersChange: number | null;
  firstSeen: number;
}

export interface Digest {
  top: DigestRow[];
  /** First reported within the week. */
  newThisWeek: DigestRow[];
  /** Largest increase in distinct customers against the week before. */
  risers: DigestRow[];
}

export function buildDigest(rows: readonly DigestRow[], now: number, size = 5): Digest {
  const weekAgo = now - 7 * 86_400_000;
  return {
    top: rows.slice(0, size),
    newThisWeek: rows.filter((r) => r.firstSeen >= weekAgo).slice(0, size),
    risers: rows
      .filter((r) => (r.customersChange ?? 0) > 0 && r.firstSeen < weekAgo)
      .sort((a, b) => (b.customersChange ?? 0) - (a.customersChange ?? 0) || b.customers - a.customers)
      .slice(0, size),
  };
}
