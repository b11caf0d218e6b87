import { DateTime } from 'luxon';

export const fmtDay = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('d LLL yyyy');
export const fmtShort = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('d LLL');

export function fmtAge(ms: number): string {
  const min = ms / 60_000;
  if (min < 60) return `${Math.max(0, Math.round(min))} min`;
  if (min < 48 * 60) return `${Math.round(min / 60)} h`;
  return `${Math.round(min / 1440)} d`;
}

export const fmtMin = (m: number | null) =>
  m === null ? '—' : m < 90 ? `${m.toFixed(1)} min` : `${(m / 60).toFixed(1)} h`;
export const fmtPct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
