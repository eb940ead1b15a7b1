// ESLint 9 flat config. `npm test` runs `eslint . --max-warnings=0`, so every rule here is an
// error or off: a warning would fail the build without saying so in the editor.
//
// Module boundaries (docs/architecture.md#module-boundaries): every project.json carries one
// `scope:*` and one `type:*` tag and @nx/enforce-module-boundaries checks each import of a
// `@tpm/*` alias or an npm package against the constraints below.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SCOPES = ['training', 'performance', 'coaching', 'rewards', 'reporting'];

// A pure layer names no framework, driver or transport: those are adapters' business.
const INFRASTRUCTURE_PACKAGES = [
  '@nestjs/*',
  'typeorm',
  'kafkajs',
  'pg',
  '@eventstore/*',
  'express',
  'class-validator',
  'class-transformer',
];

/** What each layer may import (by tag); `testing` is added for test files only. */
const LAYERS = {
  'type:kernel': { sees: [], banned: INFRASTRUCTURE_PACKAGES },
  'type:contracts': { sees: ['type:contracts'], banned: INFRASTRUCTURE_PACKAGES },
  'type:domain': { sees: ['type:domain', 'type:kernel'], banned: INFRASTRUCTURE_PACKAGES },
  // Handlers are plain classes wired in apps/*/app.module.ts; they reach the store through ports.
  'type:application': {
    sees: ['type:domain', 'type:kernel', 'type:contracts', 'type:platform'],
    banned: ['@nestjs/*', 'typeorm', 'kafkajs', 'pg', '@eventstore/*', 'express'],
  },
  'type:infrastructure': {
    sees: ['type:application', 'type:domain', 'type:kernel', 'type:contracts', 'type:platform'],
  },
  'type:read-model': { sees: ['type:kernel', 'type:contracts', 'type:platform'] },
  'type:platform': { sees: ['type:kernel', 'type:contracts', 'type:platform'] },
  'type:testing': { sees: ['type:kernel', 'type:platform', 'type:contracts', 'type:testing'] },
  'type:app': {
    sees: [
      'type:domain',
      'type:application',
      'type:infrastructure',
      'type:read-model',
      'type:platform',
      'type:kernel',
      'type:contracts',
    ],
    notSees: ['type:app'],
  },
  // End-to-end suites boot several services in one process: they may import every app module.
  'type:e2e': {
    sees: [
      'type:app',
      'type:domain',
      'type:application',
      'type:infrastructure',
      'type:read-model',
      'type:platform',
      'type:kernel',
      'type:contracts',
      'type:testing',
    ],
  },
};

const depConstraints = ({ tests }) => [
  // A context sees itself and the shared kernel/platform/contracts, never another context:
  // contexts talk only through published events.
  ...SCOPES.map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
  })),
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['*'] },
  ...Object.entries(LAYERS).map(([sourceTag, { sees, banned, notSees }]) => {
    const allowed = tests && !sees.includes('type:testing') ? [...sees, 'type:testing'] : sees;
    return {
      sourceTag,
      // An empty list means "no project at all" to Nx, which is what the kernel wants.
      onlyDependOnLibsWithTags: allowed,
      ...(notSees ? { notDependOnLibsWithTags: notSees } : {}),
      ...(banned ? { bannedExternalImports: banned } : {}),
    };
  }),
];

const boundaries = (tests) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: depConstraints({ tests }),
  },
];

const TEST_FILES = ['**/*.spec.ts', '**/*.int.spec.ts', '**/*.e2e.spec.ts', '**/*.spec-helper.ts'];

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '.data/**',
      '.nx/**',
      'tmp/**',
      'deploy/kafka/target/**',
      'deploy/helm/**',
      // Root tool configs (jest.config.js, jest.paths.js): CommonJS read by their tools only.
      '*.js',
      '*.cjs',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  // Scripts and tool files run by Node directly.
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.node } },
  },
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },

  // TypeScript: syntax-only recommended rules (no type information: fast, no tsconfig coupling).
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    plugins: { '@nx': nx },
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // NestJS modules are empty decorated classes by design.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@nx/enforce-module-boundaries': boundaries(false),
    },
  },
  {
    files: TEST_FILES,
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@nx/enforce-module-boundaries': boundaries(true),
    },
  },

  // Last: formatting is Prettier's job (.prettierrc), so no stylistic rule may disagree with it.
  prettier,
);
