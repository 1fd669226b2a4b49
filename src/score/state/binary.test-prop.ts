import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ColumnEvent, scenarioArbitrary, toColumns } from '../../../test/columnArbitraries.js';
import type { Model } from '../../model/modelSchema.js';
import { MAX_INSTANT } from '../../time/instant.js';
import { binaryBlocks } from './_lib/binaryLayout.js';
import { idOf } from './_lib/customerIndex.js';
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

  it('any corruption of the bytes gives INVALID_STATE or a state the JSON parser also accepts, with finite scores', () => {
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
          let parsed: ReturnType<typeof parseStateBinary>;
          try {
            parsed = parseStateBinary(m, given);
          } catch (error) {
            expect((error as { code?: string }).code).toBe('INVALID_STATE');
            expect((error as { path: unknown[] }).path.length).toBeGreaterThan(0);
            return;
          }
          // Accepted: the JSON form's own checks accept it too (the two parsers agree), it
          // writes back the same bytes, and every score is a finite number.
          const again = parseState(m, serializeState(parsed));
          expect(serializeStateBinary(again)).toEqual(serializeStateBinary(parsed));
          const when = Number.isFinite(parsed.latest) ? parsed.latest : 0;
          for (const score of Object.values(scoreState(parsed, when))) {
            expect(Number.isFinite(score)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any hostile number in a record gives INVALID_STATE naming that customer, or a state the JSON parser also accepts', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.nat(),
        fc.oneof(
          fc.constantFrom(
            Number.NaN,
            Number.POSITIVE_INFINITY,
            Number.NEGATIVE_INFINITY,
            MAX_INSTANT + 1,
            -MAX_INSTANT - 1,
            1e300,
            0,
            1,
            2,
            -1,
          ),
          // Instants near latest and near the edges of the behaviours' lives.
          fc.integer({ min: -1000, max: 1000 }).map((shift) => ({ shift })),
        ),
        ({ model, events }, where, hostile) => {
          const m = model as Model;
          const state = applyColumns(createScoreState(m), columnsOf(events), ids);
          const bytes = serializeStateBinary(state).slice();
          const view = new DataView(bytes.buffer);
          const header = Array.from({ length: 8 }, (_, i) => view.getUint32(4 + 4 * i, true));
          const [version, headerBytes, idBytes, customers, stride, windows, numbers, held] =
            header as [number, number, number, number, number, number, number, number];
          if (customers === 0) return;
          const { records } = binaryBlocks(
            version,
            headerBytes,
            idBytes,
            customers,
            stride,
            windows,
            numbers,
            held,
          );
          const at = where % (customers * stride);
          const value =
            typeof hostile === 'number'
              ? hostile
              : (Number.isFinite(state.latest) ? state.latest : 0) + hostile.shift;
          view.setFloat64(records + 8 * at, value, true);
          let parsed: ReturnType<typeof parseStateBinary>;
          try {
            parsed = parseStateBinary(m, bytes);
          } catch (error) {
            expect((error as { code?: string }).code).toBe('INVALID_STATE');
            // The customer of the number changed, or a window no longer marked in its record.
            const id = idOf(state.customers, Math.floor(at / stride));
            const paths = (error as { issues: { path: unknown[] }[] }).issues.map((issue) =>
              issue.path.slice(0, 3).join('\u0000'),
            );
            expect(
              paths.some(
                (path) =>
                  path === ['bytes', 'customers', id].join('\u0000') ||
                  path.startsWith(['bytes', 'windows'].join('\u0000')),
              ),
            ).toBe(true);
            return;
          }
          const again = parseState(m, serializeState(parsed));
          expect(serializeStateBinary(again)).toEqual(bytes);
          const when = Number.isFinite(parsed.latest) ? parsed.latest : 0;
          for (const score of Object.values(scoreState(parsed, when))) {
            expect(Number.isFinite(score)).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
