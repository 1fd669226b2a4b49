/**
 * The charts of docs/rates.md, drawn from the library's own output: a weekly click-through rate
 * with its Wilson interval as a band, and a fitted fatigue curve with its half-life.
 */
import { engagementRates, fatigue } from '../../src/index.js';
import { mulberry32 } from '../mulberry32.js';
import { lineChart } from './svg.js';

/** Twenty weeks of sends and clicks (4% click-through, 5.5% from week 13), simulated per send. */
export function weeklyClickRows(): { week: number; sends: number; clicks: number }[] {
  const random = mulberry32(20_261_019);
  return Array.from({ length: 20 }, (_, index) => {
    const week = index + 1;
    const sends = 150 + Math.floor(random() * 2350);
    const rate = week >= 13 ? 0.055 : 0.04;
    let clicks = 0;
    for (let send = 0; send < sends; send++) if (random() < rate) clicks++;
    return { week, sends, clicks };
  });
}

/** The weekly click-through rate with its 95% Wilson interval as a band. */
export function rateBandChart(): string {
  const weeks = engagementRates(weeklyClickRows(), {
    fields: { group: 'week', trials: 'sends', successes: 'clicks' },
  });
  const percent = (share: number) => Number((100 * share).toFixed(3));
  return lineChart({
    title: 'Weekly click-through rate with its 95% Wilson interval',
    xLabel: 'week',
    yLabel: 'click-through (%)',
    xRange: [1, 20],
    yRange: [0, 10],
    xTicks: [1, 4, 8, 12, 16, 20].map((at) => ({ at, label: String(at) })),
    yTicks: [0, 2, 4, 6, 8, 10],
    series: [
      {
        name: 'unique clicks / sends',
        colour: '#1f77b4',
        points: weeks.map((week) => [week.group as number, percent(week.rate ?? 0)] as const),
      },
    ],
    areas: [
      {
        name: '95% interval',
        colour: '#1f77b4',
        points: weeks.map(
          (week) =>
            [
              week.group as number,
              percent(week.interval?.lower ?? 0),
              percent(week.interval?.upper ?? 0),
            ] as const,
        ),
      },
    ],
  });
}

/** The twelve weeks of the fatigue example in docs/rates.md (generated in R, see fatigue.test.ts). */
export const FATIGUE_WEEKS = [
  [1617, 73],
  [1984, 95],
  [2151, 92],
  [1568, 68],
  [1865, 74],
  [1724, 63],
  [1792, 56],
  [2073, 76],
  [2337, 69],
  [2226, 75],
  [1906, 44],
  [1950, 46],
].map(([sends, clicks], week) => ({ week, sends: sends!, clicks: clicks! }));

/** Observed weekly rates, the fitted decline and its half-life. */
export function fatigueChart(): string {
  const fit = fatigue(FATIGUE_WEEKS, { fields: { period: 'week' } });
  const curve = Array.from({ length: 61 }, (_, i) => {
    const week = i / 4;
    return [week, Number((100 * fit.initialRate * fit.ratio ** week).toFixed(4))] as const;
  });
  return lineChart({
    title: 'Click-through fatigue: observed weeks and the fitted decline',
    xLabel: 'weeks since the first send',
    yLabel: 'click-through (%)',
    xRange: [0, 15],
    yRange: [0, 6],
    xTicks: [0, 3, 6, 9, 12, 15].map((at) => ({ at, label: String(at) })),
    yTicks: [0, 1, 2, 3, 4, 5, 6],
    markers:
      fit.halfLife === null
        ? []
        : [{ x: fit.halfLife, label: `half-life ${fit.halfLife.toFixed(1)} weeks` }],
    series: [
      {
        name: 'observed',
        colour: '#444444',
        dots: true,
        points: fit.points.map((point) => [point.period, 100 * (point.rate ?? 0)] as const),
      },
      {
        name: `fitted: x${fit.ratio.toFixed(3)} a week`,
        colour: '#d62728',
        points: curve,
      },
    ],
  });
}
