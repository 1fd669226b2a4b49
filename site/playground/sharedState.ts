/**
 * The playground's form in its page address (`?state=...`), so that a model and a customer can be
 * shared as a link. Pure: main.ts reads and writes `location`.
 */
import type { PlaygroundDecayKind, PlaygroundState } from './playgroundView.js';

const KINDS: readonly PlaygroundDecayKind[] = ['linear', 'exponential', 'step', 'permanent'];

/** The query string that holds a form's state. */
export function stateQuery(state: PlaygroundState): string {
  return `?${new URLSearchParams({ state: JSON.stringify(state) })}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The form's state held by a page address's query string, or `undefined` when it holds none or
 * one that is not a form's state (a link cut short, edited by hand or from another version).
 * Numbers are taken as they are: the playground reports what is wrong with them.
 */
export function sharedState(search: string): PlaygroundState | undefined {
  const text = new URLSearchParams(search).get('state');
  if (text === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || !Array.isArray(value.behaviours)) return undefined;
  const behaviours = value.behaviours.map((row: unknown) =>
    isRecord(row) &&
    typeof row.id === 'string' &&
    typeof row.boost === 'number' &&
    typeof row.days === 'number' &&
    KINDS.includes(row.decay as PlaygroundDecayKind)
      ? { id: row.id, boost: row.boost, decay: row.decay as PlaygroundDecayKind, days: row.days }
      : undefined,
  );
  const { high, low, events, asOf, horizon } = value;
  if (
    behaviours.some((row) => row === undefined) ||
    typeof high !== 'number' ||
    typeof low !== 'number' ||
    typeof events !== 'string' ||
    typeof asOf !== 'number' ||
    typeof horizon !== 'number'
  ) {
    return undefined;
  }
  return {
    behaviours: behaviours.filter((row) => row !== undefined),
    high,
    low,
    events,
    asOf,
    horizon,
  };
}
