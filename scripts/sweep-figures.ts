/**
 * `npx tsx scripts/sweep-figures.ts [sizes...]`: times `forecast`, `segmentAt` with a hysteresis
 * band and `transitions` on ONE customer with 16k, 32k and 100k events (issue 21: these were
 * quadratic, 3-6 s at 16k and over 30 s at 32k), in three shapes of history. Seeded, so
 * every run scores the same events; the medians of 3 runs after a warm-up. Speed is shown here and
 * by `npm run bench`, never asserted in tests (src/segment/sweep/sweepSegments.test.ts counts the
 * work instead).
 */
import {
  defineModel,
  type EngagementEvent,
  exponential,
  forecast,
  linear,
  permanent,
  segmentAt,
  step,
  transitions,
} from '../src/index.js';
import { mulberry32 } from './mulberry32.js';

const day = 86_400_000;
const model = defineModel({
  behaviours: {
    purchase: { boost: 50, decay: linear({ days: 120 }) },
    emailClick: { boost: 25, decay: linear({ days: 14 }, { grace: { days: 2 } }) },
    visit: { boost: 5, decay: exponential({ days: 3 }), cap: 15 },
    survey: { boost: 15, decay: step({ days: 30 }) },
    unsubscribe: { boost: -20, decay: linear({ days: 90 }) },
    signup: { boost: 3, decay: permanent() },
  },
  segments: { high: 30, low: 10, band: 5 },
});
const ids = model.behaviourIds;

/** n events of one customer over `span` days: mostly visits and clicks, a few of the others. */
function customer(n: number, span: number, seed: number): EngagementEvent[] {
  const next = mulberry32(seed);
  const weights = [0.04, 0.2, 0.5, 0.03, 0.2, 0.03];
  return Array.from({ length: n }, () => {
    let pick = next();
    let b = 0;
    while (b < weights.length - 1 && pick >= weights[b]!) pick -= weights[b++]!;
    return { behaviour: ids[b]!, at: Math.floor(next() * span * day) };
  });
}

function median(run: () => unknown): number {
  run();
  const times: number[] = [];
  for (let k = 0; k < 3; k++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[1]!;
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
console.log(
  '| events | span (days) | forecast (ms) | segmentAt, band (ms) | transitions (ms) | changes |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const n of sizes.length > 0 ? sizes : [16_000, 32_000, 100_000]) {
  // a long history (an event every 3 days on average), a sparse customer (a few events a day over
  // ten years) and a dense one (all within a year)
  for (const span of [3 * n, 3650, 365]) {
    const events = customer(n, span, n + span);
    const at = (span / 2) * day;
    const range = { from: 0, to: span * day };
    const changes = transitions(model, events, range).length;
    const f = median(() => forecast(model, events, at));
    const s = median(() => segmentAt(model, events, at));
    const t = median(() => transitions(model, events, range));
    console.log(
      `| ${n} | ${span} | ${f.toFixed(0)} | ${s.toFixed(0)} | ${t.toFixed(0)} | ${changes} |`,
    );
  }
}
