/**
 * What customers say beside what they do: NPS with its margin of error, whether it really went up
 * since last quarter, CSAT, and the engagement segment x NPS cross-tab that finds advocates and
 * at-risk fans. Run it with `npx tsx examples/survey.ts`.
 */
import {
  compareNps,
  csat,
  defineModel,
  linear,
  nps,
  npsCrossTab,
  npsFromCounts,
  segmentAt,
} from 'engagekit';

const day = 86_400_000;
const surveyAt = Date.UTC(2026, 5, 30);

const model = defineModel({
  behaviours: {
    emailClick: { boost: 25, decay: linear({ days: 14 }) },
    purchase: { boost: 50, decay: linear({ days: 120 }) },
  },
});

// Each customer's last purchase (days before the survey) and NPS answer (null: did not answer).
const customers = [
  { customerId: 'ada', lastPurchase: 5, answer: 10 },
  { customerId: 'ben', lastPurchase: 12, answer: 9 },
  { customerId: 'cho', lastPurchase: 20, answer: 6 },
  { customerId: 'dev', lastPurchase: 70, answer: 9 },
  { customerId: 'eve', lastPurchase: 75, answer: 8 },
  { customerId: 'fin', lastPurchase: 110, answer: 10 },
  { customerId: 'gus', lastPurchase: 118, answer: 3 },
  { customerId: 'hal', lastPurchase: 119, answer: null },
];

const segments = customers.map(({ customerId, lastPurchase }) => ({
  customerId,
  segment: segmentAt(
    model,
    [{ behaviour: 'purchase', at: surveyAt - lastPurchase * day }],
    surveyAt,
  ),
}));
const responses = customers.flatMap(({ customerId, answer }) =>
  answer === null ? [] : [{ customerId, response: answer }],
);

const round = (value: number): string => value.toFixed(1);

const thisQuarter = nps(responses.map(({ response }) => response));
console.log(
  `NPS this quarter: ${round(thisQuarter.score)} ± ${round(thisQuarter.marginOfError)} (n = ${thisQuarter.n})`,
);
const small = nps(
  responses.map(({ response }) => response),
  { method: 'adjustedWald' },
);
console.log(
  `  adjusted-Wald 95% interval: ${round(small.interval.lower)} to ${round(small.interval.upper)}`,
);

const lastQuarter = npsFromCounts({ promoters: 210, passives: 180, detractors: 160 });
const bigThisQuarter = npsFromCounts({ promoters: 250, passives: 170, detractors: 140 });
// p = 0.031, as R gives: 2 * pnorm(-abs(d / se)) with the trinomial standard errors.
const change = compareNps(lastQuarter, bigThisQuarter);
console.log(
  `Company NPS ${round(lastQuarter.score)} -> ${round(bigThisQuarter.score)}: +${round(change.difference)} points, p = ${change.pValue.toFixed(3)}`,
);

const satisfaction = csat([5, 4, 4, 3, 5, 2, 4, 5, 1, 4]);
console.log(
  `CSAT: ${round(satisfaction.score)}% satisfied (95% Wilson: ${round(satisfaction.interval.lower)}-${round(satisfaction.interval.upper)}%)`,
);

const table = npsCrossTab(segments, responses);
console.log('\nsegment     customers  answered  promoters  passives  detractors  NPS');
for (const row of table.rows) {
  console.log(
    [
      row.segment.padEnd(10),
      String(row.customers).padStart(9),
      String(row.respondents).padStart(9),
      String(row.promoters).padStart(10),
      String(row.passives).padStart(9),
      String(row.detractors).padStart(11),
      (row.nps === null ? '-' : round(row.nps)).padStart(6),
    ].join(' '),
  );
}
console.log(`\nadvocates (engaged promoters): ${table.advocates.join(', ')}`);
console.log(`at-risk fans (promoters drifting away): ${table.atRiskFans.join(', ')}`);
