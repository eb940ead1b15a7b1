// One Jest run, three tiers named by the file suffix: .spec (unit, no I/O), .int.spec
// (real PostgreSQL and Kafka), .e2e.spec (services booted). The global setup provisions the
// real infrastructure once per run (scripts/infra.mjs) unless only unit tests are selected.
const { pathsToModuleNameMapper } = require('./jest.paths');

const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
    },
  ],
};
const common = {
  transform,
  moduleNameMapper: pathsToModuleNameMapper(),
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/libs/platform/testing/src/jest/pg-teardown-errors.js'],
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
};

module.exports = {
  testTimeout: 120_000,
  globalSetup: '<rootDir>/libs/platform/testing/src/jest/global-setup.js',
  globalTeardown: '<rootDir>/libs/platform/testing/src/jest/global-teardown.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'], testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '\\.e2e\\.spec\\.ts$', '\\.fault\\.spec\\.ts$'] },
    { ...common, displayName: 'integration', testMatch: ['**/*.int.spec.ts'], testTimeout: 60_000 },
    { ...common, displayName: 'e2e', testMatch: ['**/*.e2e.spec.ts'], testTimeout: 180_000 },
    // Infrastructure faults (.fault.spec): one file, so serial, on its own PostgreSQL and broker
    // that it stops and starts (libs/platform/testing/src/faults/); `npx jest --selectProjects faults`.
    { ...common, displayName: 'faults', testMatch: ['**/*.fault.spec.ts'], testTimeout: 300_000 },
  ],
};
