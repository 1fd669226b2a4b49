import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bundles a one-line entry that re-exports `names` from the package entry, as a host's bundler
 * would (tsup = esbuild, minified, dependencies bundled, `sideEffects: false`), into a folder of
 * `dir`, and reads esbuild's metafile: the bytes in the output, those of zod, and the inputs that
 * put any byte in it.
 */
export async function bundleOf(
  names: string,
  dir: string,
): Promise<{ total: number; zod: number; inputs: string[] }> {
  const name = names.replace(/\W+/g, '-');
  const entry = join(dir, `${name}.ts`);
  writeFileSync(entry, `export { ${names} } from '${join(root, 'src/index.ts')}';\n`);
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
  return { total, zod, inputs };
}
