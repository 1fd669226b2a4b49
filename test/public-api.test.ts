import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { publicApi } from '../scripts/public-api.js';

const recorded = JSON.parse(
  readFileSync(new URL('./fixtures/public-api.json', import.meta.url), 'utf8'),
) as Record<string, string[]>;

describe('the public API', () => {
  it('exports exactly the recorded names from every entry (run `npx tsx scripts/public-api.ts --write` after a deliberate change)', () => {
    const api = publicApi();
    expect(Object.keys(api).length).toBe(3);
    expect(api.engagekit!.length).toBeGreaterThan(100);
    expect(api).toEqual(recorded);
  });
});
