// The layers of engagekit's source (see CONTRIBUTING.md, "Layout"), checked in CI by
// `npm run check:layers`. Each domain may import its own folder and the layers below it:
//   errors -> math -> time -> model -> score -> segment -> validity, sql
//   survey, activity, rates stand on errors, math and time only
//   cli, node, testing stand on top, and nothing imports them
// Tests (*.test.ts, *.test-prop.ts, *.test-d.ts) are left out: they may import anything.

/** Domains and the folders each may import besides itself. */
const LAYERS = {
  errors: [],
  math: ['errors'],
  time: ['errors', 'math'],
  model: ['errors', 'math', 'time'],
  score: ['errors', 'math', 'time', 'model'],
  segment: ['errors', 'math', 'time', 'model', 'score'],
  validity: ['errors', 'math', 'time', 'model', 'score', 'segment'],
  sql: ['errors', 'math', 'time', 'model', 'score', 'segment'],
  survey: ['errors', 'math', 'time'],
  activity: ['errors', 'math', 'time'],
  rates: ['errors', 'math', 'time'],
};
const DOMAINS = Object.keys(LAYERS);
const TOP = ['cli', 'node', 'testing'];

const layerRules = Object.entries(LAYERS).map(([domain, below]) => ({
  name: `layer-${domain}`,
  comment: `src/${domain} may import only itself and ${below.length ? below.join(', ') : 'nothing else in src'}`,
  severity: 'error',
  from: { path: `^src/${domain}/` },
  to: { path: '^src/', pathNot: [`^src/(${[domain, ...below].join('|')})/`] },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No two files may import each other, directly or through others',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'known-folder',
      comment: `every folder of src is a layer (${[...DOMAINS, ...TOP].join(', ')}): add a new one to .dependency-cruiser.cjs`,
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: `^src/(${[...DOMAINS, ...TOP].join('|')})/` },
      to: {},
    },
    ...TOP.map((top) => ({
      name: `nothing-imports-${top}`,
      comment: `src/${top} stands on top: nothing else imports it`,
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/${top}/` },
      to: { path: `^src/${top}/` },
    })),
    {
      name: 'node-only-in-cli-and-node',
      comment:
        'Only src/cli and src/node may import node: modules (the core runs in browsers and edge runtimes)',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cli|node)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'private-helpers-stay-private',
      comment: 'An index.ts re-exports public modules only, never a _lib helper',
      severity: 'error',
      from: { path: '(^|/)index\\.ts$' },
      to: { path: '/_lib/' },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves',
      severity: 'error',
      from: {},
      // The worker pool's worker program is a string that calls require('node:worker_threads'),
      // which dependency-cruiser reads as an import of a module named "node".
      to: { couldNotResolve: true, pathNot: '^node$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test(-prop|-d)?\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
