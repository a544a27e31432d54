// Lint rules for the whole repo: `npm run lint` (with prettier --check and the layer rules).
// Formatting is prettier's job, so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/.tmp/**',
      'package-lock.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Sortie treats pages, files and servers as hostile: no string becomes code.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      // The sanitisers and the ports of twitter-text's and @atproto's regexes match ASCII and
      // control ranges on purpose (/[^\x00-\x7f]/ is "not ASCII"); the rule only knows how to flag them.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
    },
  },
  {
    // Playwright starts a fixture only when a test destructures it: naming an unused fixture
    // (recordingProxy, ...) is how a test asks for its side effect, and a fixture with no
    // dependencies must still destructure an empty object.
    files: ['tests/e2e/**'],
    rules: {
      'no-empty-pattern': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'none', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests and benches read untyped answers (page.evaluate results, raw server records) and
    // check them with expect(); typing each one adds nothing the assertion does not already check.
    files: ['tests/e2e/**', 'tests/servers/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Node scripts and configs run outside the browser.
    files: ['**/*.cjs', 'scripts/**', '*.config.*', 'bench/**', 'tests/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
);
