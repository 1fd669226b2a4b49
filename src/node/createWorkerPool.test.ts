import { afterAll, describe, expect, it } from 'vitest';
import { poolModel as model, sameAsScoreColumns, seededColumns } from '../../test/poolColumns.js';
import { EngagekitError } from '../errors/EngagekitError.js';
import { compileModel } from '../model/compileModel.js';
import { defineModel } from '../model/defineModel.js';
import { permanent } from '../model/permanent.js';
import { scoreColumns } from '../score/scoreColumns.js';
import { createWorkerPool } from './createWorkerPool.js';
import { scoreColumnsParallel } from './scoreColumnsParallel.js';

const pool = createWorkerPool({ workers: 3, minEvents: 0 });
afterAll(() => pool.close());

/** The error a call rejects with, or the error thrown by a function. */
async function failure(run: Promise<unknown> | (() => unknown)): Promise<EngagekitError> {
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

describe('createWorkerPool', () => {
  it('scores bit for bit as scoreColumns: shared columns, weights, a cap, mixed decays in one accumulator', async () => {
    const columns = seededColumns(20_000, 1000, 1);
    const scores = await pool.scoreColumns(model, columns, 1500, 1000);
    expect(sameAsScoreColumns(scores, model, columns, 1500, 1000)).toBe(true);
    // What was compared: scores, not two empty arrays.
    expect(scores.length).toBe(1000);
    expect(scores.some((score) => score !== 0)).toBe(true);
  });

  it('scores bit for bit as scoreColumns above 262,144 events, where scoreColumns too runs on WebAssembly', async () => {
    const columns = seededColumns(300_000, 40_000, 2, { weighted: false });
    const scores = await pool.scoreColumns(compileModel(model), columns, 1200, 40_000);
    expect(sameAsScoreColumns(scores, model, columns, 1200, 40_000)).toBe(true);
  });

  it('copies columns that are not on a SharedArrayBuffer when the call is made', async () => {
    const columns = seededColumns(5000, 300, 3, { shared: false, wide: true });
    const expected = scoreColumns(model, columns, 900, 300);
    const pending = pool.scoreColumns(model, columns, 900, 300);
    // Changing the caller's arrays after the call changes nothing: the threads read a copy.
    columns.at.fill(0);
    columns.weight?.fill(1000);
    expect(Array.from(await pending)).toEqual(Array.from(expected));
  });

  it('scores a customer by hand: 25 * 0.7 + 8 * 2^-1 = 21.5', async () => {
    const columns = {
      customer: Uint32Array.of(0, 0, 1),
      behaviour: Uint16Array.of(0, 1, 1),
      at: Float64Array.of(0, 0, 100),
    };
    // customer 0 at 300: click 25 * (1 - 300/1000) = 17.5, visit 8 * 2^(-300/300) = 4;
    // customer 1: visit 8 * 2^(-200/300).
    const scores = await pool.scoreColumns(model, columns, 300, 2);
    expect(scores[0]).toBe(21.5);
    expect(scores[1]).toBeCloseTo(8 * 2 ** (-2 / 3), 14);
  });

  it('uses fewer threads than it has when there are fewer blocks of 8 customers, with the same scores', async () => {
    const columns = seededColumns(2000, 3, 4);
    const wide = createWorkerPool({ workers: 8, minEvents: 0 });
    const scores = await wide.scoreColumns(model, columns, 1000, 3);
    await wide.close();
    expect(sameAsScoreColumns(scores, model, columns, 1000, 3)).toBe(true);
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
    const error = await failure(
      pool.scoreColumns(
        model,
        { customer: Uint32Array.of(0), behaviour: Uint8Array.of(5), at: Float64Array.of(0) },
        0,
        1,
      ),
    );
    expect(error.code).toBe('INVALID_COLUMNS');
    expect(error.message).toContain('columns.behaviour[0] is 5');
  });

  it('names the first bad entry, whichever customers it belongs to', async () => {
    const columns = {
      customer: Uint32Array.of(0, 0, 5, 0, 0, 0, 0, 7, 0, 0),
      behaviour: new Uint8Array(10),
      at: Float64Array.of(0, 0, 0, 0, 0, 0, 0, 0, Number.NaN, 0),
    };
    const error = await failure(pool.scoreColumns(model, columns, 0, 3));
    expect(error.code).toBe('INVALID_COLUMNS');
    expect(error.path).toEqual(['columns', 'customer', 2]);
    expect(error.message).toContain('columns.customer[2] is 5');
    columns.customer[2] = 0;
    const later = await failure(pool.scoreColumns(model, columns, 0, 3));
    expect(later.path).toEqual(['columns', 'customer', 7]);
  });

  it('rejects a customerCount of 2^32 - 1 whose sums cannot be allocated with INVALID_OPTION, and keeps working (issue 21)', async () => {
    const columns = {
      customer: Uint32Array.of(2 ** 32 - 2),
      behaviour: Uint8Array.of(0),
      at: Float64Array.of(0),
    };
    const error = await failure(pool.scoreColumns(model, columns, 0, 2 ** 32 - 1));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['customerCount']);
    expect(error.message).toMatch(/^scoreColumns: customerCount 4294967295 needs .* GiB/);
    const small = seededColumns(2000, 40, 21);
    expect(await pool.scoreColumns(model, small, 5, 40)).toEqual(scoreColumns(model, small, 5, 40));
  });

  it('scoreColumnsParallel names itself in its errors, every issue too (issue 21)', async () => {
    const error = await failure(
      scoreColumnsParallel(
        model,
        {
          customer: Uint32Array.of(0),
          behaviour: Uint8Array.of(5),
          at: Float64Array.of(Number.NaN),
        },
        0,
        1,
        { minEvents: 0, workers: 1 },
      ),
    );
    expect(error.code).toBe('INVALID_COLUMNS');
    expect(error.message).toMatch(/^scoreColumnsParallel: /);
    for (const issue of error.issues) expect(issue.message).toMatch(/^scoreColumnsParallel: /);
    const options = await failure(
      scoreColumnsParallel(model, seededColumns(10, 2, 21), 0, 2, { workers: 0 }),
    );
    expect(options.message).toBe('scoreColumnsParallel: options.workers must be at least 1, got 0');
  });

  it('rejects bad options with INVALID_OPTION naming the option', async () => {
    const workers = await failure(() => createWorkerPool({ workers: 0 }));
    expect(workers.code).toBe('INVALID_OPTION');
    expect(workers.path).toEqual(['options', 'workers']);
    expect(workers.message).toBe('createWorkerPool: options.workers must be at least 1, got 0');
    const fraction = await failure(() => createWorkerPool({ workers: 1.5 }));
    expect(fraction.message).toBe(
      'createWorkerPool: options.workers must be a whole number of threads, got 1.5',
    );
    const many = await failure(() => createWorkerPool({ workers: 257 }));
    expect(many.message).toBe('createWorkerPool: options.workers must be at most 256, got 257');
    const minEvents = await failure(() => createWorkerPool({ minEvents: Number.NaN }));
    expect(minEvents.path).toEqual(['options', 'minEvents']);
    expect(minEvents.message).toBe(
      'createWorkerPool: options.minEvents must be a finite number, got NaN',
    );
    const unknown = await failure(() => createWorkerPool({ threads: 4 } as never));
    expect(unknown.message).toBe(
      'createWorkerPool: options has unknown field "threads"; check the spelling',
    );
  });

  it('runs 50 overlapping calls, each settling once with its own scores or its own error', async () => {
    const permanentModel = defineModel({
      behaviours: { signup: { boost: 7, decay: permanent() } },
    });
    const calls = Array.from({ length: 50 }, (_, call) => {
      const customers = 1 + ((call * 37) % 500);
      const columns = seededColumns(500 + 97 * call, customers, 100 + call, {
        shared: call % 2 === 0,
        weighted: call % 3 !== 0,
        wide: call % 5 === 0,
      });
      // Every seventh call has a model of its own, of one behaviour.
      const callModel = call % 7 === 0 ? permanentModel : model;
      if (call % 7 === 0) columns.behaviour.fill(0);
      // Every tenth call has a bad entry, in the middle of its events.
      if (call % 10 === 9) columns.at[Math.floor(columns.at.length / 2)] = Number.POSITIVE_INFINITY;
      const at = 20 * call;
      return { callModel, columns, at, customers };
    });
    const results = await Promise.allSettled(
      calls.map(({ callModel, columns, at, customers }) =>
        pool.scoreColumns(callModel, columns, at, customers),
      ),
    );
    results.forEach((result, call) => {
      const { callModel, columns, at, customers } = calls[call]!;
      if (call % 10 === 9) {
        expect(result.status).toBe('rejected');
        const error = (result as PromiseRejectedResult).reason as EngagekitError;
        expect(error.code).toBe('INVALID_COLUMNS');
        expect(error.path).toEqual(['columns', 'at', Math.floor(columns.at.length / 2)]);
      } else {
        expect(result.status).toBe('fulfilled');
        const scores = (result as PromiseFulfilledResult<Float64Array>).value;
        expect(sameAsScoreColumns(scores, callModel, columns, at, customers)).toBe(true);
      }
    });
  });

  it('rejects every call not yet settled with POOL_CLOSED when closed mid-call, and later calls too', async () => {
    const closing = createWorkerPool({ workers: 2, minEvents: 0 });
    const columns = seededColumns(2_000_000, 100_000, 5);
    // The first call is handed to the threads at once; the others wait in the queue.
    const calls = [0, 1, 2].map((call) =>
      closing.scoreColumns(model, columns, 100 * call, 100_000),
    );
    const closed = closing.close();
    expect(closing.close()).toBe(closed);
    const results = await Promise.allSettled(calls);
    await closed;
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason as EngagekitError;
      expect(error).toBeInstanceOf(EngagekitError);
      expect(error.code).toBe('POOL_CLOSED');
      expect(error.path).toEqual(['pool']);
      expect(error.message).toBe(
        'createWorkerPool: the pool was closed before this call finished; create a new pool to score',
      );
    }
    const later = await failure(closing.scoreColumns(model, columns, 0, 100_000));
    expect(later.code).toBe('POOL_CLOSED');
    expect(later.message).toMatch(/^createWorkerPool: the pool was closed before this call;/);
  });
});
