/**
 * How alike a query and an indexed document read, from 0 (nothing shared) to 1:
 * a cosine over the distinct terms weighted by rarity (idf²), so sharing
 * "sso" and "okta" counts far more than sharing "error". The document's side
 * is its question (the customer's words) and the linked issues' titles; a term
 * found only in the resolution note counts at a lower weight and does not
 * lengthen the document, so a long resolution neither hides nor fakes a match.
 */
export interface DocTerms {
  question: readonly string[];
  resolution: readonly string[];
  issues: readonly string[];
}

export const resolutionWeight = 0.5;

/** Rarity of a term among `total` documents of which `df` hold it. */
export function inverseFrequency(df: number, total: number): number {
  return Math.log(1 + (total + 1) / (df + 0.5));
}

export function scoreDoc(query: readonly string[], doc: DocTerms, idf: (term: string) => number): number {
  const q = new Set(query);
  const main = new Set([...doc.question, ...doc.issues]);
  const resolution = new Set(doc.resolution);
  let qNorm = 0;
  let shared = 0;
  for (const t of q) {
    const w = idf(t) ** 2;
    qNorm += w;
    if (main.has(t)) shared += w;
    else if (resolution.has(t)) shared += resolutionWeight * w;
  }
  let dNorm = 0;
  for (const t of main) dNorm += idf(t) ** 2;
  if (shared === 0 || qNorm === 0) return 0;
  return Math.min(1, shared / Math.sqrt(qNorm * Math.max(dNorm, shared)));
}
