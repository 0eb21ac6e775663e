// Three tiers, as in the README: unit (no I/O), integration (real Postgres and
// NATS, in-process services), e2e (built services as child processes).
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

const transform = {
  '^.+\\.[tj]s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs', ignoreDynamic: true },
    },
  ],
};

const project = (displayName, pattern, extra = {}) => ({
  displayName,
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/{libs,services,infra,deploy,e2e,load-tests}/**/${pattern}`],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleNameMapper,
  transform,
  // content-disposition (under @fastify/static, behind the Swagger UI) ships ESM only; Node 20's Jest cannot require it untransformed.
  transformIgnorePatterns: ['/node_modules/(?!(@fastify/static/node_modules/)?content-disposition/)'],
  ...extra,
});

module.exports = {
  // A per-project timeout is not supported; integration and e2e tests start real processes.
  testTimeout: 120_000,
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.js'],
  projects: [
    project('unit', '*.spec.ts'),
    project('integration', '*.int-spec.ts'),
    project('e2e', '*.e2e-spec.ts'),
    // The staff console in Debian's Chromium against the platform in process (e2e/console).
    project('browser', '*.browser-spec.ts'),
  ],
};
