// Lint (`npm run lint`, run by CI): ESLint's and typescript-eslint's recommended rules, and one
// import style: `./x` within a folder, `@/x` for anything outside it (never `../`).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'tests/artifacts/', 'demo-screenshots/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.webextensions } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*'], message: 'Import from outside this folder with `@/…` (one import style).' }] }],
      // Unused names are errors, except those that say they are unused (`_page`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // A closure may name what is assigned just after it (a forward reference).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `a && b()` and `(x = y), draw()` are how this code base writes a guarded call.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // Messages join the Protocol interface by `interface Protocol extends Messages {}` (declaration merging).
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    // Tests and scripts read answers of the extension and the Hub loosely, as the page would see them.
    files: ['tests/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
