// Lint rules, including the import direction of the three areas (see README, "Architecture"):
// shared/ is the pure core and imports nothing outside itself; renderer/ reaches electron/ only
// through `import type`; electron/ never imports the renderer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './renderer/svelte.config.js';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-electron/',
      'dist-cli/',
      'dist-renderer/',
      'release/',
      'coverage/',
      'test-results/',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: {
        projectService: false,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
      },
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...NODE_BUILTINS.map((name) => ({
              name,
              message: 'shared/ is the pure domain core: no Node API here. This code belongs in electron/.',
            })),
            {
              name: 'electron',
              message: 'shared/ is the pure domain core: Electron code belongs in electron/.',
            },
            {
              name: 'better-sqlite3',
              message: 'shared/ is the pure domain core: the SQLite store belongs in electron/.',
            },
          ],
          patterns: [
            {
              group: ['node:*'],
              message: 'shared/ is the pure domain core: no Node API here. This code belongs in electron/.',
            },
            {
              group: ['**/electron/**', '**/electron'],
              message: 'shared/ imports nothing from electron/: move the shared part into shared/.',
            },
            {
              group: ['**/renderer/**', '**/renderer'],
              message: 'shared/ imports nothing from renderer/: move the shared part into shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.svelte'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/electron/**', '**/electron', 'electron', 'better-sqlite3', 'node:*'],
              allowTypeImports: true,
              message:
                'renderer/ talks to the Node side only through the typed API: import electron/ types with `import type`, and put shared logic in shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', '**/renderer'],
              message: 'electron/ never imports the renderer: share code through shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The bin is CommonJS on purpose (bin/package.json): see its header.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
