import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'tsup';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bundles a one-line entry that re-exports `names` from the package entry, as a host's bundler
 * would (tsup = esbuild, minified, dependencies bundled, `sideEffects: false`), into a folder of
 * `dir`, and reads esbuild's metafile: the bytes in the output, those of zod, and the inputs that
 * put any byte in it; `brotli` is the output's size compressed as size-limit does (brotli at its
 * best quality). `names` = `'*'` re-exports everything.
 */
export async function bundleOf(
  names: string,
  dir: string,
): Promise<{ total: number; zod: number; inputs: string[]; brotli: number }> {
  const name = names === '*' ? 'everything' : names.replace(/\W+/g, '-');
  const entry = join(dir, `${name}.ts`);
  const from = `'${join(root, 'src/index.ts')}'`;
  writeFileSync(
    entry,
    names === '*' ? `export * from ${from};\n` : `export { ${names} } from ${from};\n`,
  );
  const outDir = join(dir, name);
  await build({
    config: false,
    entry: [entry],
    outDir,
    format: ['esm'],
    platform: 'neutral',
    minify: true,
    treeshake: false,
    noExternal: [/./],
    external: ['apache-arrow', 'fast-check'],
    metafile: true,
    silent: true,
  });
  const meta = JSON.parse(readFileSync(join(outDir, 'metafile-esm.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  let total = 0;
  let zod = 0;
  const inputs: string[] = [];
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput === 0) continue;
      total += bytesInOutput;
      inputs.push(input);
      if (input.includes('node_modules/zod/')) zod += bytesInOutput;
    }
  }
  let brotli = 0;
  for (const file of readdirSync(outDir).filter((file) => file.endsWith('.js'))) {
    brotli += brotliCompressSync(readFileSync(join(outDir, file)), {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }).length;
  }
  return { total, zod, inputs, brotli };
}
