/**
 * The segment sweep on a score that sits exactly on a threshold (issue 21): one customer with
 * three base boosts that make the threshold, then n / 2 pairs of `+boost` and `-boost` at one
 * instant, so that the live events grow to n while the score stays put. Times `transitions` over
 * 800 days for steps of integer and fractional boosts and linear decays that cancel in pairs.
 * `npx tsx bench/sweep-flat.ts [n ...]` (default 4,000 and 16,000).
 */
import { flatCustomer } from '../scripts/flatCustomer.js';
import { type DecaySpec, linear, step, transitions } from '../src/index.js';

const day = 86_400_000;

function timeFlat(base: number, boost: number, decay: DecaySpec, n: number): number {
  const { model, events } = flatCustomer(base, boost, decay, n);
  const start = performance.now();
  const changes = transitions(model, events, { from: -1, to: 800 * day });
  const ms = performance.now() - start;
  if (changes.length !== 1) throw new Error(`expected one change (at 0), got ${changes.length}`);
  return ms;
}

const sizes = process.argv.slice(2).map(Number);
const cases: [string, number, number, DecaySpec][] = [
  ['steps of integer boosts', 5, 1, step({ days: 400 })],
  ['steps of fractional boosts (0.1, 0.7)', 0.1, 0.7, step({ days: 400 })],
  ['linear decays cancelling in pairs (0.7)', 0.1, 0.7, linear({ days: 400 })],
];
console.log('| customer | events | transitions ms |');
console.log('| --- | ---: | ---: |');
for (const n of sizes.length > 0 ? sizes : [4000, 16_000]) {
  for (const [name, base, boost, decay] of cases) {
    console.log(`| ${name} | ${n} | ${timeFlat(base, boost, decay, n).toFixed(0)} |`);
  }
}
