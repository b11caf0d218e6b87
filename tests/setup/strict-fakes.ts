import { afterEach } from 'vitest';
import { drainAllViolations } from '../harness/fake-registry';

/**
 * Whatever a fake refused or did not expect fails the test that caused it,
 * even when the test never asks: Slack would have refused it in production.
 * A test that means to provoke a refusal declares it on the fake first.
 */
afterEach(() => {
  const violations = drainAllViolations();
  if (violations.length > 0) {
    throw new Error(
      `the fakes refused or did not expect:\n${violations.map((v) => `  - ${v}`).join('\n')}\n(a test that expects a refusal declares it with slack.expectRefusal(error))`,
    );
  }
});
