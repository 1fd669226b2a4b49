/**
 * The guides' charts, drawn from the library's own output. `npm run docs` writes them to
 * docs/images/; test/charts.test.ts checks that the committed files match a fresh rendering.
 */
import {
  decayedValue,
  defineModel,
  exponential,
  linear,
  permanent,
  retentionCurve,
  scoreTimeline,
  step,
  transitions,
} from '../../src/index.js';
import { mulberry32 } from '../mulberry32.js';
import { fatigueChart, rateBandChart } from './rates.js';
import { ruleCharts } from './rules.js';
import { lineChart } from './svg.js';

const DAY = 86_400_000;

function sample(from: number, to: number, count: number, value: (x: number) => number) {
  return Array.from({ length: count + 1 }, (_, i) => {
    const x = from + ((to - from) * i) / count;
    return [x, value(x)] as const;
  });
}

/** The four decay kinds applied to a boost of 50 over 120 days. */
function decayShapes(): string {
  const shapes = [
    { name: 'linear 90 days', decay: linear({ days: 90 }), colour: '#1f77b4' },
    {
      name: 'linear 90 d, grace 30',
      decay: linear({ days: 90 }, { grace: { days: 30 } }),
      colour: '#17becf',
    },
    { name: 'half-life 21 days', decay: exponential({ days: 21 }), colour: '#ff7f0e' },
    { name: 'step 60 days', decay: step({ days: 60 }), colour: '#2ca02c' },
    { name: 'permanent', decay: permanent(), colour: '#7f7f7f' },
  ];
  return lineChart({
    title: 'What a boost of 50 is worth as it ages',
    xLabel: 'days since the event',
    yLabel: 'points',
    xRange: [0, 120],
    yRange: [0, 55],
    xTicks: [0, 30, 60, 90, 120].map((at) => ({ at, label: String(at) })),
    yTicks: [0, 10, 20, 30, 40, 50],
    series: shapes.map(({ name, decay, colour }) => ({
      name,
      colour,
      points:
        decay.kind === 'step'
          ? [
              [0, 50],
              [59.999, 50],
              [60, 0],
              [120, 0],
            ]
          : sample(0, 120, 240, (days) => decayedValue(50, decay, days * DAY)),
    })),
  });
}

/** One customer over 150 days: score, segment bands and the exact instants of each change. */
function scoreTimelineChart(): string {
  const model = defineModel({
    behaviours: {
      emailClick: { boost: 25, decay: linear({ days: 14 }) },
      purchase: { boost: 50, decay: linear({ days: 120 }) },
      siteVisit: { boost: 5, decay: exponential({ days: 3 }), cap: 15 },
    },
  });
  const events = [
    { behaviour: 'purchase', at: 0 },
    { behaviour: 'siteVisit', at: 2 * DAY },
    { behaviour: 'emailClick', at: 30 * DAY },
    { behaviour: 'siteVisit', at: 31 * DAY },
    { behaviour: 'purchase', at: 95 * DAY },
  ];
  const points = scoreTimeline(model, events, { from: 0, to: 150 * DAY, step: { hours: 6 } });
  const changes = transitions(model, events, { from: 0, to: 150 * DAY });
  return lineChart({
    title: "A customer's score, segments and drift instants",
    xLabel: 'day',
    yLabel: 'score',
    xRange: [0, 150],
    yRange: [0, 90],
    xTicks: [0, 30, 60, 90, 120, 150].map((at) => ({ at, label: String(at) })),
    yTicks: [0, 10, 30, 50, 70, 90],
    bands: [
      { from: 30, to: 90, colour: '#2ca02c', label: 'high (>= 30)' },
      { from: 10, to: 30, colour: '#ff7f0e', label: 'low (>= 10)' },
      { from: 0, to: 10, colour: '#d62728', label: 'disengaged' },
    ],
    markers: changes.map((change) => ({
      x: change.at / DAY,
      label: `${change.to} ${(change.at / DAY).toFixed(1)}`,
    })),
    series: [
      {
        name: 'score',
        colour: '#1f2a44',
        points: points.map((point) => [point.at / DAY, point.score] as const),
      },
    ],
  });
}

/** Day 0..30 retention of 2,000 synthetic sign-ups, `on` and `onOrAfter`. */
function retentionChart(): string {
  const random = mulberry32(20_261_123);
  const start = Date.UTC(2026, 0, 1);
  const activity: { userId: string; at: number }[] = [];
  for (let user = 0; user < 2000; user++) {
    const signup = start + Math.floor(random() * 30) * DAY + Math.floor(random() * DAY);
    activity.push({ userId: `u${user}`, at: signup });
    const loyalty = random();
    for (let day = 1; day <= 70; day++) {
      if (random() < 0.6 * loyalty * Math.exp(-day / (5 + 40 * loyalty))) {
        activity.push({ userId: `u${user}`, at: signup + day * DAY });
      }
    }
  }
  const asOf = start + 100 * DAY;
  const curve = (mode: 'on' | 'onOrAfter') =>
    retentionCurve(activity, { lastDay: 30, mode, asOf }).map(
      (point) => [point.day, (point.rate ?? 0) * 100] as const,
    );
  return lineChart({
    title: 'Retention of 2,000 sign-ups, day 0 to 30',
    xLabel: 'days since sign-up',
    yLabel: 'retained (%)',
    xRange: [0, 30],
    yRange: [0, 100],
    xTicks: [
      { at: 1, label: 'D1' },
      { at: 7, label: 'D7' },
      { at: 14, label: '14' },
      { at: 21, label: '21' },
      { at: 30, label: 'D30' },
    ],
    yTicks: [0, 20, 40, 60, 80, 100],
    series: [
      { name: 'active on day N', colour: '#1f77b4', points: curve('on') },
      { name: 'on day N or later', colour: '#ff7f0e', points: curve('onOrAfter') },
    ],
  });
}

/** Every chart of the guides: file name under docs/images/ to SVG text. */
export function charts(): Record<string, string> {
  return {
    'decay-shapes.svg': decayShapes(),
    'score-timeline.svg': scoreTimelineChart(),
    'retention-curve.svg': retentionChart(),
    'rate-band.svg': rateBandChart(),
    'fatigue-curve.svg': fatigueChart(),
    ...ruleCharts(),
  };
}
