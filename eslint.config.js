import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'tls',
  'stream',
  'url',
  'util',
  'zlib',
  'worker_threads',
  'module',
].flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

/** A word (three letters or more, alone, maybe in brackets) or two words side by side: text a person reads. */
const WORDS = '/^[\\s(\\[]*(?=[A-Z]*[a-z])[A-Za-z]{3,}[\\s)\\].:!?]*$|[A-Za-z]{2,}[ ,;]+[A-Za-z]{2,}/';
const TEXT_ATTRS = '/^(title|aria-label|aria-description|placeholder|alt|label)$/';
/** Literals that are ids, keys or comparisons, not text on screen. */
const NOT_TEXT =
  ':not(CallExpression > Literal):not(BinaryExpression > Literal):not(Property > Literal):not(ArrayExpression > Literal):not(MemberExpression > Literal):not(SwitchCase > Literal)';
/**
 * Words in text attributes (however computed), and words a JSX expression puts on screen
 * (`{x ? 'yes' : 'no'}`, `{a && 'label'}`, template text). Technical examples (tenant_copy,
 * postgres://…, /path/to/…) are no words and pass.
 */
const UNTRANSLATED = [
  `JSXAttribute[name.name=${TEXT_ATTRS}] Literal[value=${WORDS}]${NOT_TEXT}`,
  `JSXAttribute[name.name=${TEXT_ATTRS}] TemplateElement[value.raw=${WORDS}]:not(CallExpression > TemplateLiteral > TemplateElement)`,
  `JSXElement > JSXExpressionContainer Literal[value=${WORDS}]${NOT_TEXT}:not(JSXAttribute Literal)`,
  `JSXElement > JSXExpressionContainer TemplateElement[value.raw=${WORDS}]:not(JSXAttribute TemplateElement):not(CallExpression > TemplateLiteral > TemplateElement)`,
];

/**
 * User-visible text in the renderer comes from the i18n dictionaries (English and Spanish): a
 * literal word in JSX text or in a text attribute (title, aria-label, placeholder…) fails lint.
 * Punctuation, numbers, symbols and ALL_CAPS tokens pass (the plugin's defaults).
 */
export const untranslatedTextRule = {
  files: ['src/renderer/src/**/*.tsx'],
  ignores: ['src/renderer/src/**/*.test.tsx'],
  plugins: { i18next },
  rules: {
    // JSX text between tags: words fail; punctuation, numbers, symbols, units and ALL_CAPS pass.
    'i18next/no-literal-string': [
      'error',
      {
        mode: 'jsx-text-only',
        // Product names and technical identifiers (pg_dump, no-transaction) read the same in every language.
        words: {
          exclude: [
            '[0-9!-/:-@[-`{-~·…–—▲▼⌘✓✗×→←↑↓⚠\\s]+',
            '[A-Z_-]+',
            '[\\s·]*(ms|s|kB|MB)',
            '\\s*PostgreSQL\\s*',
            '\\s*[a-z0-9]+([_-][a-z0-9]+)+\\s*',
          ],
        },
        message: 'User-visible text must come from the i18n dictionaries (t(...)), in English and Spanish',
      },
    ],
    'no-restricted-syntax': [
      'error',
      ...UNTRANSLATED.map((selector) => ({
        selector,
        message: 'User-visible text must come from the i18n dictionaries (t(...)), in English and Spanish',
      })),
    ],
  },
};

/** The layers of DESIGN.md, kept by lint (a test proves a wrong import fails). */
export const layerRules = {
  shared: {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/main/**',
                '**/renderer/**',
                '**/preload/**',
                'electron',
                'react',
                'pg',
                'kysely',
                ...NODE_BUILTINS,
              ],
              message: 'shared/ imports nothing of ours but itself, and nothing but zod.',
            },
          ],
        },
      ],
    },
  },
  core: {
    files: ['src/main/core/**/*.{ts,tsx}', 'src/main/cli/**/*.{ts,tsx}', 'src/main/server/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'react', 'react-dom', '**/renderer/**', '**/preload/**'],
              message: 'core, CLI and server never import electron, react or the renderer.',
            },
          ],
        },
      ],
    },
  },
  renderer: {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/preload/**', 'electron', 'pg', 'kysely', ...NODE_BUILTINS],
              message:
                'the renderer never imports main, preload or Node built-ins; it talks to the core through the api client.',
            },
          ],
        },
      ],
    },
  },
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/artifacts/**',
      'bench/results/**',
    ],
  },
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
  untranslatedTextRule,
);
