import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ColumnEvent, scenarioArbitrary, toColumns } from '../../../test/columnArbitraries.js';
import type { Model } from '../../model/modelSchema.js';
import { advanceState } from './advanceState.js';
import { applyColumns } from './applyColumns.js';
import { createScoreState } from './createScoreState.js';
import { parseState } from './parseState.js';
import { parseStateBinary } from './parseStateBinary.js';
import { scoreState } from './scoreState.js';
import { serializeState } from './serializeState.js';
import { serializeStateBinary } from './serializeStateBinary.js';

const ids = Array.from({ length: 64 }, (_, c) => `c${c}`);

/** The events as columns with their weights. */
const columnsOf = (events: readonly ColumnEvent[]) => toColumns(events, true);

describe('binary checkpoints', () => {
  it('round-trip every state exactly: the same JSON, the same scores, the same bytes again', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.integer({ min: 0, max: 60 }),
        fc.option(fc.integer({ min: 0, max: 1000 })),
        ({ model, events, at }, split, horizon) => {
          const m = model as Model;
          const state = applyColumns(createScoreState(m), columnsOf(events.slice(0, split)), ids, {
            partition: 'p',
            position: 7,
          });
          if (horizon !== null) advanceState(state, Math.max(horizon, state.latest));
          applyColumns(state, columnsOf(events.slice(split)), ids);
          const bytes = serializeStateBinary(state);
          const copy = parseStateBinary(m, bytes);
          expect(serializeState(copy)).toBe(serializeState(state));
          expect(serializeStateBinary(copy)).toEqual(bytes);
          expect(serializeStateBinary(parseStateBinary(m, bytes.slice(), { copy: false }))).toEqual(
            bytes,
          );
          expect(serializeStateBinary(parseState(m, serializeState(state)))).toEqual(bytes);
          const when = Math.max(at, state.latest);
          expect(scoreState(copy, when)).toEqual(scoreState(state, when));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('any corruption of the bytes gives a state that serialises back to them, or INVALID_STATE, never a crash', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.option(fc.nat()),
        ({ model, events }, flips, cut) => {
          const m = model as Model;
          const state = applyColumns(createScoreState(m), columnsOf(events), ids);
          const bytes = serializeStateBinary(state).slice();
          for (const [where, value] of flips) bytes[where % bytes.length] = value;
          const given = cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
          try {
            parseStateBinary(m, given);
          } catch (error) {
            expect((error as { code?: string }).code).toBe('INVALID_STATE');
            expect((error as { path: unknown[] }).path.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
