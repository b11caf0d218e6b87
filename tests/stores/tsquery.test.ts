import { describe, expect, it } from 'vitest';
import { tsqueryFromMatch } from '../../src/adapters/db/pg/tsquery';

describe('FTS5 match expressions as PostgreSQL tsquery text', () => {
  it('reads the expressions the services build: quoted terms joined by OR, or side by side for AND', () => {
    expect(tsqueryFromMatch('"export" OR "csv"')).toBe("'export' | 'csv'");
    expect(tsqueryFromMatch('"export" "csv"')).toBe("'export' & 'csv'");
    expect(tsqueryFromMatch('"export"')).toBe("'export'");
  });

  it('keeps prefixes, NOT, AND and groups', () => {
    expect(tsqueryFromMatch('"exp"* AND (csv OR xls*) NOT pdf')).toBe("'exp':* & ( 'csv' | 'xls':* ) & ! 'pdf'");
  });

  it('never lets a quote or an operator inside a term act as syntax', () => {
    expect(tsqueryFromMatch('"it""s" OR "a\'b" OR "x|y&z"')).toBe(`'it"s' | 'a''b' | 'x|y&z'`);
  });

  it('has nothing to search for without a term', () => {
    expect(tsqueryFromMatch('')).toBeNull();
    expect(tsqueryFromMatch('  ( ) ')).toBeNull();
  });
});
