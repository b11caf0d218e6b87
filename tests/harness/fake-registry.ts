/**
 * Every fake server a test started reports here what it refused or did not
 * expect; the global afterEach (tests/setup/strict-fakes.ts) fails the test
 * when anything was reported that the test did not declare.
 */
export interface ViolationSource {
  /** Takes the violations recorded since the last call and forgets the test's declarations. */
  drainViolations(): string[];
  readonly closed: boolean;
}

const sources = new Set<ViolationSource>();

export function registerFake(source: ViolationSource): void {
  sources.add(source);
}

export function drainAllViolations(): string[] {
  const out: string[] = [];
  for (const s of [...sources]) {
    out.push(...s.drainViolations());
    if (s.closed) sources.delete(s);
  }
  return out;
}
