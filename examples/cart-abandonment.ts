/**
 * Cart abandonment, as in the engagement-score article: when a customer abandons a cart, what we
 * send depends on how engaged they are at that moment. A score of 30 or more earns a $25 voucher,
 * 10 to 30 the latest offers, below 10 a feedback survey. Then, looking ahead, who will slip a
 * segment this week (and so should hear from us before they do).
 */
import { readFileSync } from 'node:fs';
import {
  atRisk,
  defineModel,
  type EngagementEvent,
  exponential,
  linear,
  segmentAt,
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

const action = {
  high: 'send a $25 voucher',
  low: 'send the latest offers',
  disengaged: 'ask for feedback (survey)',
} as const;

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
const eventsOf = (customerId: string): EngagementEvent[] =>
  events.filter((event) => event.customerId === customerId);

// Carts abandoned on the morning the sample is scored.
const abandoned = [
  { customerId: 'ada', at: '2026-11-01T08:15:00Z' },
  { customerId: 'gus', at: '2026-11-01T09:40:00Z' },
  { customerId: 'emeka', at: '2026-11-01T10:05:00Z' },
  { customerId: 'lena', at: '2026-11-01T11:30:00Z' },
];

console.log('Abandoned carts: what each customer gets\n');
for (const cart of abandoned) {
  const segment = segmentAt(model, eventsOf(cart.customerId), Date.parse(cart.at));
  console.log(
    `  ${cart.at}  ${cart.customerId.padEnd(6)} ${segment.padEnd(10)} -> ${action[segment]}`,
  );
}

// Who slips a segment in the next 7 days if nothing renews their score: contact them first.
const now = Date.parse(sample.scoredAt);
console.log(`\nWho to contact this week (from ${sample.scoredAt}), soonest first:\n`);
for (const customer of atRisk(model, events, { at: now, within: { days: 7 } })) {
  const { customerId, score, segment, drop } = customer;
  console.log(
    `  ${customerId.padEnd(6)} ${segment.padEnd(4)} ${score.toFixed(2).padStart(6)}, ${drop.segment} from ${new Date(drop.at).toISOString()}`,
  );
}
