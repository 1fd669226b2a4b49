/**
 * The demo: the engagement model of the classic engagement-score article, applied to a dozen
 * sample customers at one instant. Run it with `npm run demo`.
 */
import { readFileSync } from 'node:fs';
import {
  atRisk,
  defineModel,
  type EngagementEvent,
  explainScore,
  exponential,
  linear,
  segmentCounts,
  step,
} from 'engagekit';

// Boosts and how fast each fades: an email click is worth 25 for two weeks, a purchase 50 over
// ~120 days (about three purchases a year), a site visit a little for a few days, a survey answer
// counts in full for a month, and an unsubscribe weighs against the customer for 90 days.
const model = defineModel({
  behaviours: {
    emailClick: { boost: 25, decay: linear({ days: 14 }) },
    purchase: { boost: 50, decay: linear({ days: 120 }) },
    siteVisit: { boost: 5, decay: exponential({ days: 3 }, { cutoff: { days: 30 } }), cap: 15 },
    survey: { boost: 15, decay: step({ days: 30 }) },
    unsubscribe: { boost: -20, decay: linear({ days: 90 }) },
  },
  segments: { high: 30, low: 10 },
});

interface SampleFile {
  readonly scoredAt: string;
  readonly events: readonly {
    customerId: string;
    behaviour: string;
    at: string;
    weight?: number;
  }[];
}

const sample = JSON.parse(
  readFileSync(new URL('./data/sample-events.json', import.meta.url), 'utf8'),
) as SampleFile;
const at = Date.parse(sample.scoredAt);

const events: EngagementEvent[] = sample.events.map(
  ({ customerId, behaviour, at: when, weight }) => ({
    customerId,
    behaviour,
    at: Date.parse(when),
    ...(weight === undefined ? {} : { weight }),
  }),
);
const byCustomer = new Map<string, EngagementEvent[]>();
for (const event of events) {
  const id = event.customerId ?? '';
  byCustomer.set(id, [...(byCustomer.get(id) ?? []), event]);
}

const rows = [...byCustomer.entries()]
  .map(([customer, events]) => {
    const explanation = explainScore(model, events, at);
    const top = explanation.behaviours[0];
    return {
      customer,
      score: explanation.score,
      segment: explanation.segment,
      top:
        top === undefined || top.contribution === 0
          ? '-'
          : `${top.behaviour} (${top.contribution >= 0 ? '+' : ''}${top.contribution.toFixed(1)})`,
    };
  })
  .sort((a, b) => b.score - a.score || a.customer.localeCompare(b.customer));

const header = ['customer', 'score', 'segment', 'top behaviour'];
const table = rows.map((row) => [row.customer, row.score.toFixed(2), row.segment, row.top]);
const widths = header.map((title, column) =>
  Math.max(title.length, ...table.map((cells) => cells[column]!.length)),
);
const line = (cells: readonly string[]) =>
  cells
    .map((cell, column) =>
      column === 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
    )
    .join('  ')
    .trimEnd();

console.log(`Engagement at ${new Date(at).toISOString()} (high >= 30, low >= 10)\n`);
console.log(line(header));
console.log(line(widths.map((width) => '-'.repeat(width))));
for (const cells of table) console.log(line(cells));
const { counts } = segmentCounts(model, events, at);
console.log(
  `\n${rows.length} customers: ${counts.high} high, ${counts.low} low, ${counts.disengaged} disengaged`,
);

// Who drifts down a segment in the coming week if nothing renews their score, soonest first.
const drifting = atRisk(model, events, { at, within: { days: 7 } });
console.log('\nDrifting down in the next 7 days:');
for (const { customerId, segment, drop } of drifting) {
  console.log(
    `  ${customerId.padEnd(8)} ${segment} -> ${drop.segment} at ${new Date(drop.at).toISOString()}`,
  );
}
if (drifting.length === 0) console.log('  nobody');
