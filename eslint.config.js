// Lint config. The `layers` blocks enforce DESIGN.md's arrows: shared <- core <- main; shared <- preload; shared <- renderer.
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

const ours = (...dirs) => dirs.flatMap((d) => [`**/${d}/**`, `**/${d}`]);
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', 'bench/results/'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  // Layers (DESIGN.md §3).
  layer(['shared/**'], ['electron', 'electron/*', 'node:*', 'vue', 'pinia', 'undici', 'keytar', ...ours('electron', 'renderer', 'test')],
    'shared/ is pure TypeScript: it imports nothing from electron/, renderer/, node:* or runtime libraries.'),
  layer(['electron/core/**', 'electron/cli/**'], ['electron', 'electron/*', 'electron-store', ...ours('main', 'preload', 'renderer')],
    'core (and the CLI on top of it) runs under plain Node: never import electron, main, preload or renderer.'),
  layer(['electron/preload/**'], ['node:*', ...ours('core', 'main', 'renderer', 'cli')],
    'preload is the sandboxed bridge: it imports only electron and shared/.'),
  layer(['electron/main/**'], [...ours('renderer', 'preload', 'cli')],
    'main wires core to Electron: it never imports the renderer or the preload.'),
  layer(['renderer/**'], ['electron', 'electron/*', 'node:*', 'undici', 'keytar', ...ours('electron')],
    'the renderer talks to the main process only through the bridge; it imports shared/ and nothing from electron/.'),
);
