import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleOf } from './bundleOf.js';

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

describe('the cost of an import', () => {
  it('nps alone bundles no zod and no model schema, in under 12 kB minified', async () => {
    const { total, zod, inputs } = await bundleOf('nps', dir);
    expect(zod).toBe(0);
    expect(inputs.filter((input) => /src\/(model|sql|score)\//.test(input))).toEqual([]);
    expect(total).toBeLessThan(12_000);
  }, 60_000);

  it('defineModel brings zod/mini (its schema) and never the classic zod API', async () => {
    const { zod, inputs } = await bundleOf('defineModel, linear, scoreAt', dir);
    expect(zod).toBeGreaterThan(0);
    expect(inputs.filter((input) => input.includes('node_modules/zod/v4/classic/'))).toEqual([]);
    expect(inputs.filter((input) => input.includes('to-json-schema'))).toEqual([]);
  }, 60_000);

  // The targets of issue 17 in min+brotli bytes (kB = 1000 bytes, as size-limit counts), checked on
  // the source entry so that a regression fails a unit test too, not only `npm run size`.
  it('nps alone stays within its 4 kB target (min+brotli)', async () => {
    const { brotli } = await bundleOf('nps', dir);
    expect(brotli).toBeLessThanOrEqual(4_000);
  }, 60_000);

  // MISSED targets (issue 17): defineModel + linear + scoreAt <= 12 kB and everything <= 45 kB.
  // Until they are met these hold the sizes measured from src after this round's cuts and merges
  // (13.93 kB and 74.37 kB, as bundleOf measures at the end of the 2026-12-05 round: the rules' sweep,
  // atRiskSql and the population pass added about 5.6 kB to everything) with a little room,
  // so that they cannot grow unnoticed; lower them with every cut and to the targets once met.
  // The 2026-12-05 morning round added about 0.6 kB to everything (74.95 kB): atRisk's screen
  // and the state's resizable records; the 2026-12-05 late-morning round about 0.6 kB more
  // (75.55 kB): the sweep's exact decision of flat scores and its reused arrays (issue 21, 15),
  // then about 0.7 kB with forecastColumns' gather and the state's id keys (76.2 kB built)
  // (docs/performance.md, Bundle size, says what each remaining part costs).
  it('defineModel + linear + scoreAt does not grow past 14 kB (target 12 kB, missed)', async () => {
    const { brotli } = await bundleOf('defineModel, linear, scoreAt', dir);
    expect(brotli).toBeLessThanOrEqual(14_000);
  }, 60_000);

  it('everything does not grow past 79 kB (target 45 kB, missed)', async () => {
    const { brotli } = await bundleOf('*', dir);
    expect(brotli).toBeLessThanOrEqual(79_000);
  }, 120_000);

  it('the column kernel is embedded in hex, which brotli compresses to half of base64', async () => {
    const { COLUMN_KERNEL_WASM } = await import('../src/score/kernel/columnKernelWasm.js');
    expect(COLUMN_KERNEL_WASM).toMatch(/^(?:[0-9a-f]{2})+$/);
  });

  it('scoreColumns on a model built elsewhere bundles no zod', async () => {
    const { zod } = await bundleOf('scoreColumns, segmentOf', dir);
    expect(zod).toBe(0);
  }, 60_000);
});
