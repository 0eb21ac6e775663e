import nx from '@nx/eslint-plugin';

/** Packages that reach a database, the bus, Nest or token verification: none belongs in a pure rule. */
const INFRASTRUCTURE = ['typeorm', 'pg', '@nats-io/*', '@nestjs/*', 'jose'];

// The architecture in one rule: services share only libs; libs never reach into services;
// contracts depend on nothing in-house; pure rules load no infrastructure.
const boundaries = (allow) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow,
    depConstraints: [
      { sourceTag: 'layer:contracts', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'layer:pure', onlyDependOnLibsWithTags: ['layer:contracts'], bannedExternalImports: INFRASTRUCTURE },
      { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:service'] },
    ],
  },
];

/** Files that hold pure rules inside a project that also has adapters: the same ban, file by file. */
const pureRule = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: '@mc/auth', message: 'Import the pure policy from @mc/auth/rules: the barrel loads jose.' },
        ...['@mc/persistence', '@mc/messaging', '@mc/service-runtime', '@mc/local-infra'].map((name) => ({ name, message: 'A pure rule imports no infrastructure.' })),
      ],
      patterns: [{ group: INFRASTRUCTURE, message: 'A pure rule imports no infrastructure.' }],
    },
  ],
};

export default [
  { ignores: ['**/dist', '**/node_modules', '.data', '.nx', 'coverage', 'tools/*.js', 'load-tests/**/*.js', 'libs/web-api/src/api-schema.d.ts'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries([]),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Cross-service tests start several services in one process through their public entry points.
    files: ['e2e/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(['@mc/gateway', '@mc/identity', '@mc/catalog', '@mc/dossier', '@mc/documents', '@mc/reporting', '@mc/postal', '@mc/notifications', '@mc/signatures', '@mc/vneid-simulator', '@mc/postal-operator-simulator', '@mc/message-providers-simulator', '@mc/remote-signing-simulator']),
    },
  },
  {
    // The VNeID simulator stands in for the national identity wherever a test signs a citizen in through it;
    // the reporting tests project the dossiers the reporting benchmark generates.
    files: ['services/*/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(['@mc/vneid-simulator', '@mc/postal-operator-simulator', '@mc/message-providers-simulator', '../../../load-tests/benchmarks/synthetic-dossiers']) },
  },
  {
    // Service sources never start local processes: local-infra is for tests, `npm start` and benchmarks.
    files: ['services/*/src/**/*.ts'],
    ignores: ['services/gateway/src/**/*.ts', 'services/*/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@mc/local-infra', message: 'Service sources never import local-infra (tests, npm start and benchmarks do).' }] }],
    },
  },
  {
    files: ['libs/auth/src/principal.ts', 'libs/auth/src/policy.ts', 'libs/auth/src/rules.ts', 'services/dossier/src/**/workflow.ts', 'services/dossier/src/**/transitions.ts'],
    rules: pureRule,
  },
  {
    // The gateway holds no data: nothing it loads may open a database (its config comes from @mc/service-runtime/config).
    // Its tests, and the generator of its API artifacts (run at build time, never loaded by the gateway), may.
    files: ['services/gateway/src/**/*.ts'],
    ignores: ['services/gateway/src/**/*.spec.ts', 'services/gateway/src/openapi/api-artifacts.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['@mc/persistence', '@mc/service-runtime', '@mc/local-infra'].map((name) => ({ name, message: 'The gateway opens no database: import @mc/service-runtime/config, not the barrel.' })),
          patterns: [{ group: ['typeorm', 'typeorm/*', 'pg', 'pg/*'], message: 'The gateway opens no database.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
