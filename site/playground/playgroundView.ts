/**
 * What the docs site's playground shows for a model and a customer's events: the decay curve of
 * each behaviour, the customer's score timeline over the segment bands, and the forecast. Pure:
 * the page (main.ts) only reads the form into a {@link PlaygroundState} and writes the result.
 */

import { type Band, lineChart, type Marker, type Series } from '../../scripts/charts/svg.js';
import {
  decayedValue,
  type EngagementEvent,
  forecast,
  isEngagekitError,
  type Model,
  parseModel,
  scoreTimeline,
  transitions,
} from '../../src/index.js';

/** The decay kinds the playground offers. */
export type PlaygroundDecayKind = 'linear' | 'exponential' | 'step' | 'permanent';

/** One behaviour row of the playground's form. */
export interface PlaygroundBehaviour {
  readonly id: string;
  readonly boost: number;
  readonly decay: PlaygroundDecayKind;
  /** Days: the duration of a linear or step decay, the half-life of an exponential one. */
  readonly days: number;
}

/** Everything the playground's form holds. */
export interface PlaygroundState {
  readonly behaviours: readonly PlaygroundBehaviour[];
  readonly high: number;
  readonly low: number;
  /** One event a line: `day behaviour [weight]`, e.g. `12 purchase` or `30 purchase 2`. */
  readonly events: string;
  /** The day the forecast is made on. */
  readonly asOf: number;
  /** The last day drawn. */
  readonly horizon: number;
}

/** What the page draws. */
export interface PlaygroundView {
  /** SVG of each behaviour's decay curve (empty when the model is invalid). */
  readonly decaySvg: string;
  /** SVG of the customer's score timeline over the segment bands (empty when invalid). */
  readonly timelineSvg: string;
  /** One sentence on the score, segment and next change at `asOf`. */
  readonly summary: string;
  /** Every change of segment within the drawing, earliest first: `low on day 48`. */
  readonly changes: readonly string[];
  /** Every problem found in the form, each a sentence a person can act on. */
  readonly problems: readonly string[];
}

const DAY = 86_400_000;
const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2'];
const SEGMENT_COLOURS: Record<string, string> = {
  high: '#2ca02c',
  low: '#ff7f0e',
  disengaged: '#d62728',
};

/** The form's state as the engagekit model configuration `parseModel` reads. */
function modelConfig(state: PlaygroundState): unknown {
  const behaviours: Record<string, unknown> = {};
  for (const row of state.behaviours) {
    const days = { days: row.days };
    const decay =
      row.decay === 'permanent'
        ? { kind: 'permanent' }
        : row.decay === 'exponential'
          ? { kind: 'exponential', halfLife: days }
          : { kind: row.decay, duration: days };
    behaviours[row.id] = { boost: row.boost, decay };
  }
  return { behaviours, segments: { high: state.high, low: state.low } };
}

/** The events of the textarea, or the problems of its lines. */
function parseEvents(
  text: string,
  known: ReadonlySet<string>,
): { events: EngagementEvent[]; problems: string[] } {
  const events: EngagementEvent[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [day, behaviour, weight, ...rest] = line.split(/\s+/);
    const at = Number(day);
    const parsedWeight = weight === undefined ? 1 : Number(weight);
    if (behaviour === undefined || rest.length > 0 || !Number.isFinite(at)) {
      problems.push(`events line ${index + 1}: write "day behaviour [weight]", got "${line}"`);
    } else if (!known.has(behaviour)) {
      problems.push(
        `events line ${index + 1}: unknown behaviour "${behaviour}"; the model has ${[...known].join(', ')}`,
      );
    } else if (!Number.isFinite(parsedWeight)) {
      problems.push(`events line ${index + 1}: the weight "${weight}" is not a number`);
    } else {
      events.push({ behaviour, at: at * DAY, weight: parsedWeight });
    }
  });
  return { events, problems };
}

/** Round tick values for a range. */
function ticks(from: number, to: number, count: number): number[] {
  const raw = (to - from) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const stepSize = [1, 2, 5, 10].map((m) => m * magnitude).find((m) => m >= raw) ?? raw;
  const first = Math.ceil(from / stepSize) * stepSize;
  const values: number[] = [];
  for (let value = first; value <= to + 1e-9; value += stepSize)
    values.push(Number(value.toFixed(6)));
  return values;
}

const format = (value: number): string => String(Number(value.toFixed(1)));

function decayChart(model: Model, state: PlaygroundState): string {
  const horizon = state.horizon;
  const count = 240;
  const series: Series[] = state.behaviours.map((row, index) => {
    const spec = model.behaviours[row.id]!.decay;
    const points: [number, number][] = [];
    for (let i = 0; i <= count; i++) {
      const day = (horizon * i) / count;
      points.push([day, decayedValue(row.boost, spec, day * DAY)]);
    }
    if (spec.kind === 'step' && row.days < horizon) {
      // the drop of a step decay is vertical: draw it at its day, not between two samples
      points.push([row.days - 1e-9, row.boost], [row.days, 0]);
      points.sort((a, b) => a[0] - b[0]);
    }
    return { name: row.id, colour: COLOURS[index % COLOURS.length]!, points };
  });
  const values = state.behaviours.map((row) => row.boost);
  const y0 = Math.min(0, ...values);
  const y1 = Math.max(1, ...values) * 1.1;
  return lineChart({
    title: 'What one event of each behaviour is worth as it ages',
    xLabel: 'days since the event',
    yLabel: 'points',
    xRange: [0, horizon],
    yRange: [y0, y1],
    xTicks: ticks(0, horizon, 6).map((at) => ({ at, label: String(at) })),
    yTicks: ticks(y0, y1, 6),
    series,
  });
}

function timelineChart(
  model: Model,
  state: PlaygroundState,
  events: readonly EngagementEvent[],
  markers: readonly Marker[],
): string {
  const to = state.horizon * DAY;
  const points = scoreTimeline(model, events, { from: 0, to, step: { hours: 6 } });
  let y0 = Math.min(0, state.low);
  let y1 = Math.max(1, state.high * 1.5);
  for (const point of points) {
    y0 = Math.min(y0, point.score);
    y1 = Math.max(y1, point.score);
  }
  y1 *= 1.1;
  const bands: Band[] = [
    { from: y0, to: state.low, colour: SEGMENT_COLOURS.disengaged!, label: 'disengaged' },
    { from: state.low, to: state.high, colour: SEGMENT_COLOURS.low!, label: 'low' },
    { from: state.high, to: y1, colour: SEGMENT_COLOURS.high!, label: 'high' },
  ];
  return lineChart({
    title: "The customer's score over time",
    xLabel: 'day',
    yLabel: 'score',
    xRange: [0, state.horizon],
    yRange: [y0, y1],
    xTicks: ticks(0, state.horizon, 6).map((at) => ({ at, label: String(at) })),
    yTicks: ticks(y0, y1, 6),
    bands,
    markers,
    series: [
      {
        name: 'score',
        colour: '#1f1f1f',
        points: points.map((point) => [point.at / DAY, point.score] as const),
      },
    ],
  });
}

/**
 * The playground's charts, summary and problems for the form's state.
 *
 * @example
 * ```ts
 * const view = playgroundView({
 *   behaviours: [{ id: 'purchase', boost: 50, decay: 'linear', days: 120 }],
 *   high: 30,
 *   low: 10,
 *   events: '0 purchase',
 *   asOf: 10,
 *   horizon: 120,
 * });
 * view.summary; // => 'Day 10: score 45.8, high; low from day 48 if nothing new happens.'
 * ```
 */
export function playgroundView(state: PlaygroundState): PlaygroundView {
  const problems: string[] = [];
  if (!(state.horizon > 0 && state.horizon <= 3650)) {
    problems.push('horizon: draw between 1 and 3650 days');
  }
  if (!(state.asOf >= 0 && state.asOf <= state.horizon)) {
    problems.push(`as of: pick a day between 0 and the horizon (${state.horizon})`);
  }
  let model: Model | undefined;
  try {
    model = parseModel(modelConfig(state));
  } catch (error) {
    if (!isEngagekitError(error)) throw error;
    for (const issue of error.issues) problems.push(issue.message);
  }
  const known = new Set(state.behaviours.map((row) => row.id));
  const parsed = parseEvents(state.events, known);
  problems.push(...parsed.problems);
  if (model === undefined || problems.length > 0) {
    return { decaySvg: '', timelineSvg: '', summary: '', changes: [], problems };
  }
  const at = state.asOf * DAY;
  const now = forecast(model, parsed.events, at);
  const next =
    now.next === null
      ? 'no change of segment if nothing new happens.'
      : `${now.next.segment} from day ${format(now.next.at / DAY)} if nothing new happens.`;
  const changes = transitions(model, parsed.events, { from: 0, to: state.horizon * DAY }).map(
    (change) => ({ x: change.at / DAY, label: format(change.at / DAY), segment: change.to }),
  );
  return {
    decaySvg: decayChart(model, state),
    timelineSvg: timelineChart(model, state, parsed.events, changes),
    summary: `Day ${format(state.asOf)}: score ${format(now.score)}, ${now.segment}; ${next}`,
    changes: changes.map((change) => `${change.segment} on day ${change.label}`),
    problems,
  };
}
