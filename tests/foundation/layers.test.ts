import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = require('../../.dependency-cruiser.cjs') as { forbidden: unknown[] };

/** Cruises a folder with the project's own rules, as `npm run lint` does for src/. */
async function violationsIn(root: string) {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const result = await cruise(['src'], {
      ruleSet: { forbidden: config.forbidden } as never,
      validate: true,
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules' },
    });
    const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
    return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  } finally {
    process.chdir(cwd);
  }
}

describe('the layer check of npm run lint', () => {
  it('fails on a deliberate violation: the domain or a service importing an adapter', async () => {
    const found = await violationsIn(path.resolve('tests/fixtures/layers'));
    expect(found.sort()).toEqual([
      'domain-is-pure: src/domain/rule.ts → src/adapters/db/tickets.repo.ts',
      'services-see-ports-only: src/services/use-case.ts → src/adapters/db/tickets.repo.ts',
    ]);
  });
});
