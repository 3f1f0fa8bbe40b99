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

const ENGINE_MESSAGE = 'import the engine from electron/core/engine (its index.ts), not from its modules.';
const ENGINE_WHITE_BOX = [
  'electron/core/engine/**',
  'test/unit/engine/**',
  'test/integration/engine/recovery.test.ts',
  'test/integration/engine/scope.test.ts',
  'bench/workers/journal.ts',
  'bench/lib/journal-records.ts',
];
const deepEngineImport = (regex) => ({
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex, message: ENGINE_MESSAGE }] }] },
});
const engineFrontDoor = () => [
  // Anywhere: a path through core/engine/ to a module other than index.
  { files: ['**/*.{ts,vue,js,mjs}'], ignores: ['electron/core/**', ...ENGINE_WHITE_BOX], ...deepEngineImport('(^|/)core/engine/(?!index$)[^/]+$') },
  // Inside electron/core the engine is a sibling folder: ./engine/x, ../engine/x.
  { files: ['electron/core/**/*.ts'], ignores: ENGINE_WHITE_BOX, ...deepEngineImport('(^(\\./|(\\.\\./)+)|/core/)engine/(?!index$)[^/]+$') },
];

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
  // The engine's front door (as VS Code's code-no-deep-import-of-internal): outside electron/core/engine, the engine is
  // imported from its index.ts only. typescript-eslint's copy of no-restricted-imports, so the layer rule above still
  // applies to the same files. White-box tests and the journal bench reach inside on purpose.
  ...engineFrontDoor(),
);
