import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Pay for what you import (issue 17): a one-line entry importing a few names from the package
 * entry, bundled as a host's bundler would (tsup = esbuild, minified, tree-shaken, dependencies
 * bundled, `sideEffects: false`), and its inputs read from esbuild's metafile. The budgets in
 * min+brotli bytes are size-limit's (package.json); this test checks what is inside.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(join(root, '.tmp'), { recursive: true });
const dir = mkdtempSync(join(root, '.tmp/bundle-cost-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bundle(names: string): Promise<{ total: number; zod: number; inputs: string[] }> {
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

describe('the cost of an import', () => {
  it('nps alone bundles no zod and no model schema, in under 12 kB minified', async () => {
    const { total, zod, inputs } = await bundle('nps');
    expect(zod).toBe(0);
    expect(inputs.filter((input) => /src\/(model|sql|score)\//.test(input))).toEqual([]);
    expect(total).toBeLessThan(12_000);
  }, 60_000);

  it('defineModel brings zod/mini (its schema) and never the classic zod API', async () => {
    const { zod, inputs } = await bundle('defineModel, linear, scoreAt');
    expect(zod).toBeGreaterThan(0);
    expect(inputs.filter((input) => input.includes('node_modules/zod/v4/classic/'))).toEqual([]);
    expect(inputs.filter((input) => input.includes('to-json-schema'))).toEqual([]);
  }, 60_000);

  it('scoreColumns on a model built elsewhere bundles no zod', async () => {
    const { zod } = await bundle('scoreColumns, segmentOf');
    expect(zod).toBe(0);
  }, 60_000);
});
