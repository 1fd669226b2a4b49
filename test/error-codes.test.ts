import { describe, expect, it } from 'vitest';
import {
  createScoreState,
  defineModel,
  ENGAGEKIT_ERROR_CODES,
  EngagekitError,
  type EngagekitErrorCode,
  linear,
  nps,
  parseState,
  permanent,
  retention,
  scoreAt,
  scoreColumns,
} from '../src/index.js';
import { startWorkerPool } from '../src/node/_lib/startWorkerPool.js';
import { createWorkerPool } from '../src/node/index.js';

const model = defineModel({
  behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } },
});
const oneEvent = {
  customer: Uint32Array.of(0),
  behaviour: Uint8Array.of(0),
  at: Float64Array.of(0),
};

/**
 * For every code: a call that must throw it, the path it must name, and the word of the path the
 * message must contain. Modules test their own codes in depth; this table makes sure no code is
 * left without a test and that all of them follow the same contract.
 */
const CASES: Record<
  EngagekitErrorCode,
  { run: () => unknown; path: readonly (string | number)[]; names: string }
> = {
  INVALID_MODEL: {
    run: () => defineModel({ behaviours: { purchase: { boost: Number.NaN, decay: linear(1) } } }),
    path: ['behaviours', 'purchase', 'boost'],
    names: 'behaviours.purchase.boost',
  },
  UNKNOWN_BEHAVIOUR: {
    run: () => scoreAt(model, [{ behaviour: 'webinar', at: 0 }], 0),
    path: ['events', 0, 'behaviour'],
    names: 'events[0].behaviour',
  },
  INVALID_EVENT: {
    run: () => scoreAt(model, [{ behaviour: 'purchase', at: 0, weight: Number.NaN }], 0),
    path: ['events', 0, 'weight'],
    names: 'events[0].weight',
  },
  INVALID_INSTANT: {
    run: () => scoreAt(model, [], new Date('not a date')),
    path: ['at'],
    names: 'at',
  },
  INVALID_DURATION: {
    run: () => linear({ days: -3 }),
    path: ['duration', 'days'],
    names: 'duration.days',
  },
  INVALID_RESPONSE: {
    run: () => nps([10, 9, 12]),
    path: ['responses', 2],
    names: '12',
  },
  INVALID_OPTION: {
    run: () => scoreAt(model, [], 0, { unknownBehaviour: 'skip' as never }),
    path: ['options', 'unknownBehaviour'],
    names: 'unknownBehaviour',
  },
  INVALID_COLUMNS: {
    run: () =>
      scoreColumns(
        model,
        { customer: Uint32Array.of(0, 1), behaviour: Uint8Array.of(0), at: Float64Array.of(0, 0) },
        0,
        2,
      ),
    path: ['columns', 'behaviour'],
    names: 'behaviour',
  },
  INVALID_STATE: {
    run: () => parseState(model, '{"format":"something else"}'),
    path: ['format'],
    names: 'format',
  },
  INVALID_ACTIVITY: {
    run: () => retention([{ userId: 'ann', at: Number.NaN }], { days: [1], asOf: 0 }),
    path: ['activity', 0, 'at'],
    names: 'activity[0].at',
  },
  EMPTY_INPUT: {
    run: () => nps([]),
    path: ['responses'],
    names: 'responses',
  },
  POOL_CLOSED: {
    run: async () => {
      const pool = createWorkerPool({ minEvents: 0 });
      // Closed while the call runs: Promise.all awaits both and rejects with the call's error.
      return Promise.all([pool.scoreColumns(model, oneEvent, 0, 1), pool.close()]);
    },
    path: ['pool'],
    names: 'pool',
  },
  WORKER_FAILED: {
    run: async () => {
      // The thread is killed as soon as it has its task.
      const pool = startWorkerPool(1, 0, { onTask: (thread) => void thread.terminate() });
      try {
        return await pool.scoreColumns(model, oneEvent, 0, 1);
      } finally {
        await pool.close();
      }
    },
    path: ['pool', 'workers', 0],
    names: 'worker thread 0',
  },
  OVERFLOW: {
    run: () =>
      scoreAt(
        defineModel({ behaviours: { whale: { boost: 1e308, decay: permanent() } } }),
        [
          { behaviour: 'whale', at: 0 },
          { behaviour: 'whale', at: 0 },
        ],
        0,
      ),
    path: ['events'],
    names: 'behaviour "whale"',
  },
  UNSUPPORTED: {
    run: () =>
      createScoreState(
        defineModel({
          behaviours: {
            visit: { boost: 5, decay: linear(1), frequencyCap: { count: 5, per: 'day' } },
          },
        }),
      ),
    path: ['model'],
    names: 'frequencyCap of "visit"',
  },
};

describe('every error code', () => {
  it('is listed in ENGAGEKIT_ERROR_CODES and covered here', () => {
    expect(Object.keys(CASES).sort()).toEqual([...ENGAGEKIT_ERROR_CODES].sort());
  });

  for (const code of ENGAGEKIT_ERROR_CODES) {
    it(`${code}: thrown as an EngagekitError with its path, and the message names the field`, async () => {
      const { run, path, names } = CASES[code];
      let caught: unknown;
      try {
        // Awaited: the worker pool's codes reject its promises.
        await run();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(EngagekitError);
      const error = caught as EngagekitError;
      expect(error.code).toBe(code);
      expect(error.path).toEqual(path);
      expect(error.message).toContain(names);
      expect(error.message).toMatch(/^[a-zA-Z]+: /);
    });
  }
});
