import { afterAll, describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { defineModel } from '../model/defineModel.js';
import { exponential } from '../model/exponential.js';
import { linear } from '../model/linear.js';
import { scoreColumns } from '../score/scoreColumns.js';
import { createWorkerPool } from './createWorkerPool.js';
import { scoreColumnsParallel } from './scoreColumnsParallel.js';

const model = defineModel({
  behaviours: {
    click: { boost: 25, decay: linear(1000) },
    visit: { boost: 8, decay: exponential(300), cap: 30 },
  },
});
const pool = createWorkerPool({ workers: 3, minEvents: 0 });
afterAll(() => pool.close());

async function rejected(promise: Promise<unknown>): Promise<EngagekitError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

function thrown(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

describe('createWorkerPool', () => {
  it('scores shared columns on worker threads as scoreColumns does', async () => {
    const count = 10_000;
    const customer = new Uint32Array(new SharedArrayBuffer(4 * count));
    const behaviour = new Uint8Array(new SharedArrayBuffer(count));
    const at = new Float64Array(new SharedArrayBuffer(8 * count));
    const weight = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      customer[i] = (i * 7919) % 101;
      behaviour[i] = i % 2;
      at[i] = (i * 104_729) % 2000;
      weight[i] = (i % 5) - 1;
    }
    const columns = { customer, behaviour, at, weight };
    const expected = scoreColumns(model, columns, 1500, 101);
    const actual = await pool.scoreColumns(model, columns, 1500, 101);
    for (let c = 0; c < 101; c++) {
      expect(Math.abs(actual[c]! - expected[c]!)).toBeLessThanOrEqual(1e-9);
    }
  });

  it('copies columns that are not on a SharedArrayBuffer', async () => {
    const columns = {
      customer: Uint32Array.of(0, 0, 1),
      behaviour: Uint16Array.of(0, 1, 1),
      at: Float64Array.of(0, 0, 100),
    };
    // customer 0 at 300: 25 * 0.7 + 8 * 2^-1 = 21.5; customer 1: 8 * 2^(-200/300)
    const scores = await pool.scoreColumns(model, columns, 300, 2);
    expect(scores[0]).toBeCloseTo(21.5, 12);
    expect(scores[1]).toBeCloseTo(8 * 2 ** (-2 / 3), 12);
  });

  it('stays on the calling thread below minEvents, with the same result', async () => {
    const columns = {
      customer: Uint32Array.of(0),
      behaviour: Uint8Array.of(0),
      at: Float64Array.of(0),
    };
    expect(Array.from(await scoreColumnsParallel(model, columns, 500, 1))).toEqual([12.5]);
  });

  it('rejects bad columns with INVALID_COLUMNS like scoreColumns', async () => {
    const error = await rejected(
      pool.scoreColumns(
        model,
        { customer: Uint32Array.of(0), behaviour: Uint8Array.of(2), at: Float64Array.of(0) },
        0,
        1,
      ),
    );
    expect(error.code).toBe('INVALID_COLUMNS');
    expect(error.message).toContain('columns.behaviour[0] is 2');
  });

  it('names the first bad entry when the workers find bad entries in several ranges', async () => {
    const columns = {
      customer: Uint32Array.of(0, 0, 5, 0, 0, 0, 0, 7, 0, 0),
      behaviour: new Uint8Array(10),
      at: Float64Array.of(0, 0, 0, 0, 0, 0, 0, 0, Number.NaN, 0),
    };
    const error = await rejected(pool.scoreColumns(model, columns, 0, 3));
    expect(error.code).toBe('INVALID_COLUMNS');
    expect(error.path).toEqual(['columns', 'customer', 2]);
    expect(error.message).toContain('columns.customer[2] is 5');
    columns.customer[2] = 0;
    const later = await rejected(pool.scoreColumns(model, columns, 0, 3));
    expect(later.path).toEqual(['columns', 'customer', 7]);
  });

  it('rejects bad options with INVALID_OPTION naming the option', () => {
    const workers = thrown(() => createWorkerPool({ workers: 0 }));
    expect(workers.code).toBe('INVALID_OPTION');
    expect(workers.path).toEqual(['options', 'workers']);
    expect(workers.message).toMatch(/^createWorkerPool: options\.workers/);
    const minEvents = thrown(() => createWorkerPool({ minEvents: Number.NaN }));
    expect(minEvents.path).toEqual(['options', 'minEvents']);
    expect(minEvents.message).toContain('options.minEvents');
  });

  it('refuses work once closed, with INVALID_OPTION', async () => {
    const closed = createWorkerPool();
    await closed.close();
    const error = await rejected(
      closed.scoreColumns(
        model,
        { customer: new Uint32Array(0), behaviour: new Uint8Array(0), at: new Float64Array(0) },
        0,
        1,
      ),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toMatch(/^createWorkerPool: the pool is closed/);
  });
});
