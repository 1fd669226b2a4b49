import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleOf } from '../../test/bundleOf.js';

/**
 * The rates stand alone: a host that imports one of them from the package entry gets a few
 * kilobytes and no schema library (the options are checked by hand). Bundled here as a host's
 * bundler would (tsup = esbuild, minified, tree-shaken, `sideEffects: false`).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
mkdirSync(join(root, '.tmp'), { recursive: true });
const dir = mkdtempSync(join(root, '.tmp/rates-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the rates imported alone', () => {
  it.each([
    ['engagementRate', 6_000],
    ['engagementRate, compareRates, engagementRates', 12_000],
    ['fatigue', 12_000],
    ['openRate, clickThroughRate, clickToOpenRate', 22_000],
  ])(
    '%s bundles to under %i bytes, with no zod',
    async (names, budget) => {
      const { total, zod } = await bundleOf(names, dir);
      expect(zod).toBe(0);
      expect(total).toBeLessThan(budget);
    },
    60_000,
  );
});
