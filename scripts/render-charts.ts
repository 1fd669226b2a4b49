/** Writes the guides' charts to docs/images/ (run by `npm run docs`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { charts } from './charts/charts.js';

const dir = new URL('../docs/images/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, svg] of Object.entries(charts())) {
  writeFileSync(new URL(name, dir), svg);
  console.log(`docs/images/${name}`);
}
