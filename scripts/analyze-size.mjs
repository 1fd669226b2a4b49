// What a named import from an entry bundles, and what each input costs in it.
//
//   node scripts/analyze-size.mjs <entry> <names | '*'> [rows] [--brotli]
//
// Bundles `export { names } from entry` as size-limit does (esbuild, minified, tree-shaken,
// dependencies bundled) and prints the minified and min+brotli sizes, then the minified bytes per
// package or folder and per input file (esbuild's metafile). With --brotli it also prints what each
// input costs after compression, measured leave-one-out: the bundle's code is split at esbuild's
// `// path` module markers, each module minified on its own, and an input's cost is
// brotli(all modules) - brotli(all modules but it). Brotli shares context between modules, so these
// costs add up to less than the total; they say which cut would save what.
import { brotliCompressSync, constants } from 'node:zlib';
import { build, transform } from 'esbuild';

const [entry, names, rowsArg = '25', flag] = process.argv.slice(2);
const rows = Number(rowsArg);
const src = names === '*' ? `export * from '${entry}';` : `export { ${names} } from '${entry}';`;
const options = {
  stdin: { contents: src, resolveDir: process.cwd(), loader: 'ts' },
  bundle: true,
  format: 'esm',
  write: false,
  platform: 'neutral',
  mainFields: ['module', 'main'],
  external: ['fast-check', 'apache-arrow'],
  treeShaking: true,
};
const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
  }).length;

const minified = await build({ ...options, minify: true, metafile: true });
const code = minified.outputFiles[0].contents;
console.log('min', code.length, 'brotli', brotli(code));

const inputs = Object.values(minified.metafile.outputs)[0].inputs;
const byFile = Object.entries(inputs)
  .map(([file, value]) => [value.bytesInOutput, file])
  .filter(([bytes]) => bytes > 0)
  .sort((a, b) => b[0] - a[0]);
const groupOf = (file) =>
  file.includes('node_modules')
    ? file
        .split('node_modules/')[1]
        .split('/')
        .slice(0, file.includes('@') ? 2 : 1)
        .join('/')
    : file.split('/').slice(0, 2).join('/');
const byGroup = {};
for (const [bytes, file] of byFile) byGroup[groupOf(file)] = (byGroup[groupOf(file)] ?? 0) + bytes;
console.log('\nminified bytes by package or folder');
for (const [group, bytes] of Object.entries(byGroup).sort((a, b) => b[1] - a[1]))
  console.log(String(bytes).padStart(8), group);
console.log('\nminified bytes by input');
for (const [bytes, file] of byFile.slice(0, rows)) console.log(String(bytes).padStart(8), file);

if (flag === '--brotli') {
  // Same bundle with names minified but lines kept, so that esbuild's `// path` markers remain.
  const marked = await build({ ...options, minifySyntax: true, minifyIdentifiers: true });
  const text = marked.outputFiles[0].text;
  const parts = [];
  let current = { file: '(prelude)', lines: [] };
  for (const line of text.split('\n')) {
    const marker = /^\/\/ (\S+\.[cm]?[jt]s)$/.exec(line);
    if (marker) {
      parts.push(current);
      current = { file: marker[1], lines: [] };
    } else current.lines.push(line);
  }
  parts.push(current);
  const squeezed = [];
  for (const part of parts) {
    const body = part.lines.join('\n');
    let out = body;
    try {
      out = (await transform(body, { minifyWhitespace: true, loader: 'js' })).code;
    } catch {
      // A fragment esbuild cannot parse on its own stays as it is (whitespace costs little).
    }
    squeezed.push({ file: part.file, code: out });
  }
  const all = Buffer.from(squeezed.map((part) => part.code).join('\n'));
  const whole = brotli(all);
  console.log(`\nmin+brotli cost by input, leave-one-out (all modules: ${whole})`);
  const costs = [];
  const candidates = squeezed
    .map((part, index) => ({ ...part, index }))
    .filter((part) => part.code.length > 150);
  for (const part of candidates) {
    const rest = Buffer.from(
      squeezed
        .filter((_, index) => index !== part.index)
        .map((other) => other.code)
        .join('\n'),
    );
    costs.push([whole - brotli(rest), part.code.length, part.file]);
  }
  costs.sort((a, b) => b[0] - a[0]);
  const groups = {};
  for (const [cost, , file] of costs) groups[groupOf(file)] = (groups[groupOf(file)] ?? 0) + cost;
  for (const [group, cost] of Object.entries(groups).sort((a, b) => b[1] - a[1]))
    console.log(String(cost).padStart(8), group);
  console.log('');
  for (const [cost, bytes, file] of costs.slice(0, rows))
    console.log(String(cost).padStart(8), String(bytes).padStart(8), file);
}
