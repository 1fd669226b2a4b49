import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { charts } from '../scripts/charts/charts.js';

describe("the guides' charts are drawn from the library's current output", () => {
  for (const [name, svg] of Object.entries(charts())) {
    it(`docs/images/${name} matches a fresh rendering (npm run docs regenerates it)`, () => {
      const committed = readFileSync(new URL(`../docs/images/${name}`, import.meta.url), 'utf8');
      expect(committed).toBe(svg);
    });
  }
});
