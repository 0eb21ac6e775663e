import nx from '@nx/eslint-plugin';

// The architecture in one rule: services share only libs; libs never reach into services.
const boundaries = (allow) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow,
    depConstraints: [
      { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:service'] },
    ],
  },
];

export default [
  { ignores: ['**/dist', '**/node_modules', '.data', '.nx', 'coverage', 'tools/*.js', 'load-tests/**/*.js', 'services/console/src/lib/api-schema.d.ts'] },
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
      '@nx/enforce-module-boundaries': boundaries(['@mc/gateway', '@mc/identity', '@mc/catalog', '@mc/dossier', '@mc/documents', '@mc/reporting', '@mc/vneid-simulator']),
    },
  },
  {
    // The VNeID simulator stands in for the national identity wherever a test signs a citizen in through it.
    files: ['services/*/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(['@mc/vneid-simulator']) },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
