/**
 * The charts of the scoring rules (docs/concepts.md, docs/choosing-a-decay.md), drawn from the
 * library's own output: each rule's model beside the same model without it, scored by
 * `scoreTimeline` (and `scoreParts` for the groups), so a chart can never show a number the library
 * does not give.
 */
import {
  defineModel,
  type EngagementEvent,
  exponential,
  linear,
  type Model,
  type ModelDefinition,
  permanent,
  scoreParts,
  scoreTimeline,
  step,
} from '../../src/index.js';
import { lineChart } from './svg.js';

const DAY = 86_400_000;

/** The score of `events` under `model`, every `hours` hours over `[0, days]`, as chart points. */
function timeline(
  model: Model,
  events: readonly EngagementEvent[],
  days: number,
  hours = 6,
): (readonly [number, number])[] {
  return scoreTimeline(model, events, { from: 0, to: days * DAY, step: { hours } }).map(
    (point) => [point.at / DAY, point.score] as const,
  );
}

const dayTicks = (days: readonly number[]) => days.map((at) => ({ at, label: String(at) }));

/** Three purchases on day 0 under a 0..100 bound: flat at 100 until the raw sum falls below it. */
function boundsChart(): string {
  const behaviours = { purchase: { boost: 50, decay: linear({ days: 120 }) } };
  const purchases = [0, 0, 0].map((at) => ({ behaviour: 'purchase', at }));
  return lineChart({
    title: 'Bounds: three purchases of 50 under a bound of 100',
    xLabel: 'day',
    yLabel: 'score',
    xRange: [0, 120],
    yRange: [0, 160],
    xTicks: dayTicks([0, 30, 60, 90, 120]),
    yTicks: [0, 40, 80, 100, 120, 160],
    series: [
      {
        name: 'raw sum',
        colour: '#7f7f7f',
        points: timeline(defineModel({ behaviours }), purchases, 120),
      },
      {
        name: 'max 100',
        colour: '#1f77b4',
        points: timeline(defineModel({ behaviours, bounds: { min: 0, max: 100 } }), purchases, 120),
      },
    ],
  });
}

/** Fifty page views on each of days 0-4, then none: counted as they come vs at most 20 a day. */
function frequencyCapChart(): string {
  const decay = exponential({ days: 3 });
  const views: EngagementEvent[] = [];
  for (let day = 0; day < 5; day++) {
    for (let view = 0; view < 50; view++) {
      views.push({ behaviour: 'pageView', at: day * DAY + 9 * 3_600_000 + view * 60_000 });
    }
  }
  const model = (pageView: ModelDefinition['behaviours'][string]) =>
    defineModel({ behaviours: { pageView } });
  return lineChart({
    title: 'Frequency cap: 50 page views a day for five days',
    xLabel: 'day',
    yLabel: 'score',
    xRange: [0, 15],
    yRange: [0, 200],
    xTicks: dayTicks([0, 3, 6, 9, 12, 15]),
    yTicks: [0, 30, 50, 100, 150, 200],
    bands: [
      { from: 30, to: 200, colour: '#2ca02c', label: 'high (>= 30)' },
      { from: 10, to: 30, colour: '#ff7f0e', label: 'low (>= 10)' },
      { from: 0, to: 10, colour: '#d62728', label: 'disengaged' },
    ],
    series: [
      {
        name: 'every view',
        colour: '#7f7f7f',
        points: timeline(model({ boost: 1, decay }), views, 15, 2),
      },
      {
        name: '20 a day',
        colour: '#1f77b4',
        points: timeline(
          model({ boost: 1, decay, frequencyCap: { count: 20, per: 'day' } }),
          views,
          15,
          2,
        ),
      },
    ],
  });
}

/** Weekly email clicks and an unsubscribe on day 35 that wipes the clicks before it. */
function resetChart(): string {
  const clicks = [0, 7, 14, 21, 28, 42, 49].map((day) => ({
    behaviour: 'emailClick',
    at: day * DAY,
  }));
  const events = [
    ...clicks,
    { behaviour: 'purchase', at: 10 * DAY },
    { behaviour: 'unsubscribe', at: 35 * DAY },
  ];
  const behaviours = (resets?: string[]) => ({
    emailClick: { boost: 10, decay: linear({ days: 30 }) },
    purchase: { boost: 40, decay: step({ days: 90 }) },
    unsubscribe: {
      boost: 0,
      decay: permanent(),
      ...(resets === undefined ? {} : { resets }),
    },
  });
  return lineChart({
    title: 'Reset: an unsubscribe on day 35 wipes the email clicks before it',
    xLabel: 'day',
    yLabel: 'score',
    xRange: [0, 70],
    yRange: [0, 100],
    xTicks: dayTicks([0, 10, 20, 35, 50, 70]),
    yTicks: [0, 20, 40, 60, 80, 100],
    markers: [{ x: 35, label: 'unsubscribe' }],
    series: [
      {
        name: 'no reset',
        colour: '#7f7f7f',
        points: timeline(defineModel({ behaviours: behaviours() }), events, 70, 3),
      },
      {
        name: 'with reset',
        colour: '#1f77b4',
        points: timeline(defineModel({ behaviours: behaviours(['emailClick']) }), events, 70, 3),
      },
    ],
  });
}

/** A HubSpot-like model's group parts over 60 days: email bounded at 25 under a total of 100. */
function groupsChart(): string {
  const model = defineModel({
    behaviours: {
      emailOpen: { boost: 5, decay: linear({ days: 30 }) },
      emailClick: { boost: 10, decay: linear({ days: 30 }) },
      pageView: { boost: 2, decay: exponential({ days: 7 }) },
      purchase: { boost: 60, decay: linear({ days: 90 }) },
    },
    groups: {
      email: { behaviours: ['emailOpen', 'emailClick'], bounds: { max: 25 } },
      web: { behaviours: ['pageView'], bounds: { max: 25 } },
      commerce: { behaviours: ['purchase'] },
    },
    bounds: { max: 100 },
  });
  const events: EngagementEvent[] = [
    ...[0, 2, 4, 6, 8, 10].map((day) => ({ behaviour: 'emailClick', at: day * DAY })),
    ...[1, 3, 5, 7, 9].map((day) => ({ behaviour: 'emailOpen', at: day * DAY })),
    ...Array.from({ length: 30 }, (_, i) => ({ behaviour: 'pageView', at: (i % 15) * DAY })),
    { behaviour: 'purchase', at: 20 * DAY },
  ];
  const at = Array.from({ length: 121 }, (_, i) => (i * DAY) / 2);
  const parts = at.map((instant) => [instant / DAY, scoreParts(model, events, instant)] as const);
  const series = (name: string, colour: string, value: (p: (typeof parts)[0][1]) => number) => ({
    name,
    colour,
    points: parts.map(([day, part]) => [day, value(part)] as const),
  });
  return lineChart({
    title: 'Groups: email and web bounded at 25 each, total bounded at 100',
    xLabel: 'day',
    yLabel: 'points',
    xRange: [0, 60],
    yRange: [0, 110],
    xTicks: dayTicks([0, 10, 20, 30, 40, 50, 60]),
    yTicks: [0, 25, 50, 75, 100],
    series: [
      series('score', '#1f2a44', (p) => p.score),
      series('email raw', '#aec7e8', (p) => p.groups.email?.raw ?? 0),
      series('email', '#1f77b4', (p) => p.groups.email?.bounded ?? 0),
      series('web', '#ff7f0e', (p) => p.groups.web?.bounded ?? 0),
      series('commerce', '#2ca02c', (p) => p.groups.commerce?.bounded ?? 0),
    ],
  });
}

/** The rules' charts: file name under docs/images/ to SVG text. */
export function ruleCharts(): Record<string, string> {
  return {
    'rule-bounds.svg': boundsChart(),
    'rule-frequency-cap.svg': frequencyCapChart(),
    'rule-reset.svg': resetChart(),
    'rule-groups.svg': groupsChart(),
  };
}
