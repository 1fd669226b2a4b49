import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library (index, testing): runs in Node.js, browsers and edge runtimes. The node entry
    // (worker threads) is Node-only and reached only through the engagekit/node subpath.
    entry: {
      index: 'src/index.ts',
      'testing/index': 'src/testing/index.ts',
      node: 'src/node/index.ts',
    },
    format: ['esm', 'cjs'],
    // Code shared by the entries (EngagekitError above all) goes to shared chunks in both formats,
    // so that index, testing and node hold one copy of it under require as under import.
    splitting: true,
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    target: 'es2022',
    platform: 'neutral',
    external: ['fast-check'],
  },
  {
    // The command-line tool: Node.js only, ESM only, no types.
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    // zod and date-fns bundled (tree-shaken): loading date-fns' index and its ~250 modules took
    // a few hundred milliseconds of every run's start-up (issue 15). hyparquet and apache-arrow
    // stay imported, and only by the inputs that need them.
    noExternal: [/^zod(\/|$)/, /^date-fns(\/|$)/, /^@date-fns\//],
  },
]);
