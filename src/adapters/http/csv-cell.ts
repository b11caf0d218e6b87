/**
 * A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
 * CR at its start) gets a leading single quote, as OWASP advises: issue titles
 * on a public repository are anyone's to choose. Numbers stay numbers.
 */
export function csvSafeCell<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Every string field of a row made safe for a spreadsheet. */
export function csvSafeRow<R extends Record<string, unknown>>(row: R): Record<keyof R, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, csvSafeCell(v)])) as Record<keyof R, unknown>;
}
