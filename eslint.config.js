import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'tls', 'stream', 'url', 'util', 'zlib', 'worker_threads', 'module'].flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

/** The layers of DESIGN.md, kept by lint (a test proves a wrong import fails). */
export const layerRules = {
  shared: {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/main/**', '**/renderer/**', '**/preload/**', 'electron', 'react', 'pg', 'kysely', ...NODE_BUILTINS], message: 'shared/ imports nothing of ours but itself, and nothing but zod.' }] }],
    },
  },
  core: {
    files: ['src/main/core/**/*.{ts,tsx}', 'src/main/cli/**/*.{ts,tsx}', 'src/main/server/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'react', 'react-dom', '**/renderer/**', '**/preload/**'], message: 'core, CLI and server never import electron, react or the renderer.' }] }],
    },
  },
  renderer: {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/main/**', '**/preload/**', 'electron', 'pg', 'kysely', ...NODE_BUILTINS], message: 'the renderer never imports main, preload or Node built-ins; it talks to the core through the api client.' }] }],
    },
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  layerRules.shared,
  layerRules.core,
  layerRules.renderer,
);
