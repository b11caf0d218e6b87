/**
 * The layers of DESIGN.md, checked on every `npm run lint`: dependencies point inward.
 * domain ← services ← adapters ← app. Any violation fails CI
 * (tests/foundation/layers.test.ts shows the check catching one).
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'src/domain holds pure rules: it imports only itself, luxon (date arithmetic) and snowball-stemmers (word stems, pure computation), never I/O.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        pathNot: ['^src/domain/', '^node_modules/luxon/', '^node_modules/@types/luxon/', '^node_modules/snowball-stemmers/'],
      },
    },
    {
      name: 'services-see-ports-only',
      comment: 'A service reaches the world through ctx ports, never through adapters or app.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: ['^src/adapters/', '^src/app/', '^node_modules/(drizzle-orm|better-sqlite3|@slack)/'] },
    },
    {
      name: 'routes-do-not-reach-the-database',
      comment: 'HTTP routes and pages call services and read models; SQL lives in src/adapters/db.',
      severity: 'error',
      from: { path: '^src/adapters/(http|web)/' },
      to: { path: ['^node_modules/(drizzle-orm|better-sqlite3)/', '^src/adapters/db/schema'] },
    },
    {
      name: 'adapters-do-not-import-app',
      comment: 'Wiring lives in src/app; adapters receive what they need.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/app/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    exclude: { path: '^(dist|tests|bench)/' },
  },
};
