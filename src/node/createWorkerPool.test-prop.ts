import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { allClose, scenarioArbitrary, toColumns } from '../../test/columnArbitraries.js';
import { scoreColumns } from '../score/scoreColumns.js';
import { createWorkerPool } from './createWorkerPool.js';

const pool = createWorkerPool({ workers: 2, minEvents: 0 });
afterAll(() => pool.close());

describe('createWorkerPool properties', () => {
  it('worker threads give the scores of scoreColumns, whatever the split of events', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async ({ model, customers, weighted, events, at }) => {
        const columns = toColumns(events, weighted);
        const parallel = await pool.scoreColumns(model, columns, at, customers);
        expect(allClose(parallel, scoreColumns(model, columns, at, customers))).toBe(true);
      }),
    );
  });
});
