import { brotliCompressSync } from 'node:zlib';
import { build } from 'esbuild';

const entry = process.argv[2];
const names = process.argv[3];
const src = names === '*' ? `export * from '${entry}';` : `export { ${names} } from '${entry}';`;
const r = await build({
  stdin: { contents: src, resolveDir: process.cwd(), loader: 'ts' },
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  metafile: true,
  platform: 'neutral',
  mainFields: ['module', 'main'],
  external: ['fast-check', 'apache-arrow'],
  treeShaking: true,
});
const code = r.outputFiles[0].contents;
console.log('min', code.length, 'brotli', brotliCompressSync(code).length);
const ins = Object.entries(r.metafile.outputs)[0][1].inputs;
const rows = Object.entries(ins)
  .map(([f, v]) => [v.bytesInOutput, f])
  .sort((a, b) => b[0] - a[0]);
const byPkg = {};
for (const [b, f] of rows) {
  const k = f.includes('node_modules')
    ? f
        .split('node_modules/')[1]
        .split('/')
        .slice(0, f.includes('@') ? 2 : 1)
        .join('/')
    : f.split('/').slice(0, 2).join('/');
  byPkg[k] = (byPkg[k] ?? 0) + b;
}
console.log(
  Object.entries(byPkg)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25),
);
console.log(rows.slice(0, Number(process.argv[4] ?? 25)));
