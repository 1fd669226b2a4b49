/**
 * `npx tsx scripts/sweep-rules-figures.ts`: what the scoring rules cost the segment sweep (issue
 * 18): `forecast` and `transitions` for 2,000 customers of 20 events over a year, and
 * `transitions` of one customer with 8,000 events, on one model without rules and the same model
 * with a frequency cap per day and per window, a reset, two bounded groups and bounds. Seeded, the
 * median of 5 runs. Speed is shown here, never asserted in tests
 * (src/segment/sweep/ruleSweep.test.ts counts the work instead).
 */
import {
  defineModel,
  type EngagementEvent,
  exponential,
  forecast,
  linear,
  type Model,
  step,
  transitions,
} from '../src/index.js';
import { mulberry32 } from './mulberry32.js';

const day = 86_400_000;
const behaviours = {
  purchase: { boost: 50, decay: linear({ days: 120 }) },
  emailClick: { boost: 25, decay: linear({ days: 14 }, { grace: { days: 2 } }) },
  visit: { boost: 5, decay: exponential({ days: 3 }), cap: 15 },
  survey: { boost: 15, decay: step({ days: 30 }) },
  unsubscribe: { boost: -20, decay: linear({ days: 90 }) },
};
const plain = defineModel({ behaviours });
const ruled = defineModel({
  behaviours: {
    ...behaviours,
    emailClick: { ...behaviours.emailClick, frequencyCap: { count: 2, per: 'day' } },
    visit: { ...behaviours.visit, frequencyCap: { count: 3, window: { hours: 12 } } },
    unsubscribe: { ...behaviours.unsubscribe, resets: ['emailClick', 'visit'] },
  },
  groups: {
    email: { behaviours: ['emailClick', 'unsubscribe'], bounds: { min: -10, max: 40 } },
    web: { behaviours: ['visit'], bounds: { max: 12 } },
  },
  bounds: { min: 0, max: 100 },
});

const next = mulberry32(42);
const ids = plain.behaviourIds;
const event = (span: number): EngagementEvent => ({
  behaviour: ids[Math.floor(next() * ids.length)]!,
  at: Math.floor(next() * span * day),
});
const customers = Array.from({ length: 2000 }, () => Array.from({ length: 20 }, () => event(365)));
const big = Array.from({ length: 8000 }, () => event(24_000));

function median(run: () => void): number {
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2]!;
}

const cases: [string, (model: Model) => void][] = [
  [
    'forecast, 2,000 customers x 20 events',
    (m) => {
      for (const c of customers) forecast(m, c, 200 * day);
    },
  ],
  [
    'transitions over a year, 2,000 customers x 20 events',
    (m) => {
      for (const c of customers) transitions(m, c, { from: 0, to: 365 * day });
    },
  ],
  [
    'transitions, one customer with 8,000 events',
    (m) => transitions(m, big, { from: 0, to: 24_000 * day }),
  ],
];
console.log('| case | without rules | with every rule | ratio |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, run] of cases) {
  const without = median(() => run(plain));
  const withRules = median(() => run(ruled));
  console.log(
    `| ${name} | ${without.toFixed(0)} ms | ${withRules.toFixed(0)} ms | ${(withRules / without).toFixed(2)} |`,
  );
}
