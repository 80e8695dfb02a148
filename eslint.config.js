// ESLint (flat config) with typescript-eslint. Type-aware only for the few rules that
// catch real bugs cheaply (promises); the rest is syntax-only. The import rules below
// enforce the direction of dependencies the folder READMEs describe.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'coverage/', 'test-artifacts/', 'web/static/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `== null` is the idiom for "null or undefined"; everything else compares strictly.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['web/**/*.js'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        FormData: 'readonly',
        URLSearchParams: 'readonly',
        navigator: 'readonly',
        CSS: 'readonly',
        localStorage: 'readonly',
        HTMLElement: 'readonly',
        Event: 'readonly',
        CustomEvent: 'readonly',
        requestAnimationFrame: 'readonly',
        FontFace: 'readonly',
        URL: 'readonly',
        Blob: 'readonly',
        TextDecoder: 'readonly',
      },
    },
  },
  // The direction of dependencies (see the READMEs): analysis is pure, definitions stand
  // alone, migrations are frozen, services never reach up into pages or routes.
  {
    // Migrations use Kysely<any> on purpose: they must not depend on today's schema types.
    files: ['migrations/**/*.ts', 'server/db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['analysis/**/*.ts'],
    ignores: ['analysis/cli/**'],
    rules: restrict([
      { group: ['**/server/**', '**/migrations/**', '**/web/**'], message: 'analysis/ is pure: numbers in, numbers out.' },
      {
        group: ['node:fs', 'node:fs/*', 'node:http', 'pg', 'kysely', 'fastify'],
        message: 'analysis/ has no database, HTTP or files.',
      },
    ]),
  },
  {
    files: ['survey-definitions/**/*.ts'],
    rules: restrict([
      {
        group: ['**/server/**', '**/analysis/**', '**/migrations/**', '**/web/**'],
        message: 'survey-definitions/ imports nothing from the app.',
      },
    ]),
  },
  {
    files: ['migrations/**/*.ts'],
    rules: restrict([
      {
        group: ['**/server/**', '**/survey-definitions/**', '**/analysis/**'],
        message: 'Migrations are frozen in time: Kysely<any>, no app code.',
      },
    ]),
  },
  {
    files: ['server/services/**/*.ts', 'server/db/**/*.ts'],
    rules: restrict([
      {
        group: ['**/views/**', '**/routes/**'],
        message: 'Services return domain types; pages and routes build on them, not the reverse.',
      },
    ]),
  },
  {
    files: ['server/views/**/*.ts'],
    // Types (an error body, a principal) may come from anywhere; code may not.
    rules: restrict([
      {
        group: ['**/routes/**', '**/plugins/**', '**/db/**'],
        allowTypeImports: true,
        message: 'Views render what routes give them.',
      },
    ]),
  },
);
