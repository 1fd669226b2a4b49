/**
 * Does the score predict anything? A backtest of the engagement model on a year of synthetic shop
 * events (examples/data/validity-events.json, made by scripts/generate-validity-data.mjs with a
 * fixed seed) in which purchases really do follow engagement; then the same observations with the
 * scores shuffled among customers, a control that must land near AUC 0.5; then thresholds the
 * evidence suggests. Run it with `npx tsx examples/validate-model.ts`.
 */
import { readFileSync } from 'node:fs';
import {
  backtest,
  defineModel,
  type EngagementEvent,
  exponential,
  linear,
  predictiveValidity,
  suggestThresholds,
} from 'engagekit';

const model = defineModel({
  behaviours: {
    emailClick: { boost: 25, decay: linear({ days: 14 }) },
    purchase: { boost: 50, decay: linear({ days: 120 }) },
    siteVisit: { boost: 5, decay: exponential({ days: 3 }, { cutoff: { days: 30 } }), cap: 15 },
  },
  segments: { high: 30, low: 10 },
});

const data = JSON.parse(
  readFileSync(new URL('./data/validity-events.json', import.meta.url), 'utf8'),
) as { events: [string, string, string][] };
const events: EngagementEvent[] = data.events.map(([customerId, behaviour, at]) => ({
  customerId,
  behaviour,
  at: Date.parse(at),
}));

// Score every customer on the first of each month, and ask: did they buy in the next 90 days?
const atEach = [3, 4, 5, 6, 7, 8, 9, 10].map((month) => Date.UTC(2026, month, 1));
const result = backtest(model, events, { atEach, outcome: 'purchase', horizon: { days: 90 } });

const day = (millis: number) => new Date(millis).toISOString().slice(0, 10);
const fixed = (value: number | null, digits = 3) => (value === null ? '-' : value.toFixed(digits));
const percent = (value: number | null) => (value === null ? '-' : `${(100 * value).toFixed(1)}%`);
const range = (interval: { lower: number; upper: number } | null) =>
  interval === null ? '-' : `${percent(interval.lower)}..${percent(interval.upper)}`;
function table(header: string[], rows: string[][]): void {
  const widths = header.map((title, k) =>
    Math.max(title.length, ...rows.map((row) => row[k]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!)))
      .join('  ');
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
}

console.log(
  `${events.length} events of ${new Set(events.map((e) => e.customerId)).size} customers, data until ${day(result.observedUntil)}`,
);
console.log('Outcome: a purchase within 90 days after the scoring instant\n');
console.log(
  `Censored (90 days not yet over by ${day(result.observedUntil)}): ${result.censoredInstants.map(day).join(', ')}\n`,
);
table(
  ['scored at', 'customers', 'bought', 'AUC'],
  result.instants.map((row) => [day(row.at), String(row.n), String(row.positives), fixed(row.auc)]),
);
console.log(
  `\nPooled: n = ${result.n}, outcome rate ${percent(result.outcomeRate)}, AUC ${fixed(result.auc)} (95% DeLong ${fixed(result.interval?.lower ?? null)}..${fixed(result.interval?.upper ?? null)}), point-biserial r ${fixed(result.correlation)}`,
);
console.log(
  '(a customer scored in several months counts several times, so the interval is optimistic)\n',
);
console.log('By segment (high >= 30, low >= 10):');
table(
  ['segment', 'n', 'bought', 'rate', '95% Wilson', 'lift'],
  result.segments.map((row) => [
    row.segment,
    String(row.n),
    String(row.positives),
    percent(row.rate),
    range(row.interval),
    fixed(row.lift, 2),
  ]),
);
console.log('\nBy score decile (1 = highest scores; equal scores share a decile):');
table(
  ['decile', 'scores', 'n', 'bought', 'rate', '95% Wilson', 'lift'],
  result.deciles.map((row) => [
    String(row.decile),
    `${row.minScore.toFixed(2)}..${row.maxScore.toFixed(2)}`,
    String(row.n),
    String(row.positives),
    percent(row.rate),
    range(row.interval),
    fixed(row.lift, 2),
  ]),
);

// Control: the same outcomes with the scores shuffled among the observations (seeded, so the
// output is the same on every run). A score that predicts nothing should give AUC about 0.5.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(7);
const shuffled = result.observations.map((o) => o.score);
for (let i = shuffled.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
}
const outcomes = result.observations.map((o) => o.outcome);
const control = predictiveValidity(shuffled, outcomes);
console.log(
  `\nShuffled control: AUC ${fixed(control.auc)} (95% DeLong ${fixed(control.interval?.lower ?? null)}..${fixed(control.interval?.upper ?? null)}), r ${fixed(control.correlation)}`,
);

// Thresholds the evidence suggests. They are only printed: the model keeps high 30 / low 10
// until someone decides to pass suggestion.segments to defineModel.
const scores = result.observations.map((o) => o.score);
console.log('\nSuggested thresholds (not applied):');
for (const suggestion of [
  suggestThresholds(scores, outcomes, { method: 'youden' }),
  suggestThresholds(scores, outcomes, { method: 'shares', high: 0.2, low: 0.3 }),
]) {
  const { high, low } = suggestion.segments;
  const lift = suggestion.lift.map(
    (row) => `${row.segment} ${percent(row.rate)} x${fixed(row.lift, 2)}`,
  );
  console.log(
    `  ${suggestion.method.padEnd(6)}  high >= ${high.toFixed(2)}, low >= ${low.toFixed(2)}; shares ${percent(suggestion.shares.high)} / ${percent(suggestion.shares.low)} / ${percent(suggestion.shares.disengaged)}; segment AUC ${fixed(suggestion.auc)}; ${lift.join(', ')}`,
  );
}
const current = model.segments;
if ('high' in current)
  console.log(`  current high >= ${current.high}, low >= ${current.low} (unchanged)`);
