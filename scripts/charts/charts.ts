/**
 * The guides' charts, drawn from the library's own output. `npm run docs` writes them to
 * docs/images/; test/charts.test.ts checks that the committed files match a fresh rendering.
 */
import { decayedValue, exponential, linear, permanent, step } from '../../src/index.js';
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

/** Every chart of the guides: file name under docs/images/ to SVG text. */
export function charts(): Record<string, string> {
  return {
    'decay-shapes.svg': decayShapes(),
  };
}
