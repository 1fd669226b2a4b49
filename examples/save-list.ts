/**
 * Who to save first this week. `atRisk` finds the customers who will slip a segment in the next
 * 7 days if nothing renews their score; `saveList` orders them by what each is worth (here the
 * revenue of the last twelve months, as the billing system would supply it) and marks the former
 * best customers: top 20% by value and no longer highly engaged, the most costly to lose.
 */
import { readFileSync } from 'node:fs';
import {
  atRisk,
  defineModel,
  type EngagementEvent,
  exponential,
  linear,
  saveList,
  step,
} from 'engagekit';

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
const events: EngagementEvent[] = sample.events.map(({ customerId, behaviour, at, weight }) => ({
  customerId,
  behaviour,
  at: Date.parse(at),
  ...(weight === undefined ? {} : { weight }),
}));

// Revenue of the last twelve months per customer, in dollars, from the billing system.
const revenue = {
  hana: 1150,
  dara: 980,
  lena: 420,
  chen: 310,
  emeka: 240,
  kofi: 180,
  farah: 150,
  ada: 130,
  ivan: 95,
  bruno: 75,
  gus: 60,
  jade: 40,
};

const now = Date.parse(sample.scoredAt);
const list = saveList(model, atRisk(model, events, { at: now, within: { days: 7 } }), revenue);

console.log(`This week's save list (from ${sample.scoredAt}), most valuable first:\n`);
console.log(
  `  ${'customer'.padEnd(8)} ${'revenue'.padStart(8)}  rank  ${'now'.padEnd(4)} ${'score'.padStart(6)}  ${'drops to'.padEnd(11)}  ${'at'.padEnd(24)}  mark`,
);
for (const customer of list) {
  const mark = customer.formerBest ? 'former best customer' : customer.topValue ? 'top 20%' : '';
  console.log(
    `  ${customer.customerId.padEnd(8)} ${`$${customer.value}`.padStart(8)}  ${String(customer.valueRank).padStart(4)}  ${customer.segment.padEnd(4)} ${customer.score.toFixed(2).padStart(6)}  ${customer.drop.segment.padEnd(11)}  ${new Date(customer.drop.at).toISOString()}  ${mark}`.trimEnd(),
  );
}
const atStake = list.reduce((sum, customer) => sum + customer.value, 0);
console.log(`\n${list.length} customers, $${atStake} of yearly revenue at stake.`);
for (const customer of list.filter((c) => c.formerBest)) {
  console.log(
    `Call ${customer.customerId} first: a top-20% customer, already ${customer.segment}, ${customer.drop.segment} from ${new Date(customer.drop.at).toISOString()}.`,
  );
}
