import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The rates stand alone: a host that imports one of them from the package entry gets a few
 * kilobytes and no schema library (the options are checked by hand). Bundled here as a host's
 * bundler would (tsup = esbuild, minified, tree-shaken, `sideEffects: false`).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
mkdirSync(join(root, '.tmp'), { recursive: true });
const dir = mkdtempSync(join(root, '.tmp/rates-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bundle(names: string): Promise<{ total: number; zod: number }> {
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
    // Bundle the dependencies too, as a host's bundler would (tsup leaves them out by default).
    noExternal: [/./],
    metafile: true,
    silent: true,
  });
  const meta = JSON.parse(readFileSync(join(outDir, 'metafile-esm.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  let total = 0;
  let zod = 0;
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      total += bytesInOutput;
      if (input.includes('node_modules/zod/')) zod += bytesInOutput;
    }
  }
  return { total, zod };
}

describe('the rates imported alone', () => {
  it.each([
    ['engagementRate', 6_000],
    ['engagementRate, compareRates, engagementRates', 12_000],
    ['fatigue', 12_000],
    ['openRate, clickThroughRate, clickToOpenRate', 22_000],
  ])(
    '%s bundles to under %i bytes, with no zod',
    async (names, budget) => {
      const { total, zod } = await bundle(names);
      expect(zod).toBe(0);
      expect(total).toBeLessThan(budget);
    },
    60_000,
  );
});
