import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  finiteOrRefused,
  anything as hostile,
  extremeNumber as hostileNumber,
  mostly,
  options,
} from '../../test/hostileDomainInput.js';
import { ces } from './ces.js';
import { compareNps } from './compareNps.js';
import { csat } from './csat.js';
import { nps } from './nps.js';
import { npsCategory } from './npsCategory.js';
import { npsCrossTab } from './npsCrossTab.js';
import { npsFromCounts } from './npsFromCounts.js';
import { wilsonInterval } from './wilsonInterval.js';

/** Mostly well-formed answers on 0..10 (so the computation is reached), sometimes not. */
const answers = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 40 }) },
  fc.array(fc.oneof(fc.integer({ min: -2, max: 12 }), hostile), { maxLength: 10 }),
  fc.sparseArray(fc.integer({ min: 0, max: 10 }), { maxLength: 10 }),
  hostile,
);
/** Weights of every magnitude, one per answer or not. */
const weights = fc.oneof(
  fc.array(fc.oneof(fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }), hostileNumber), {
    maxLength: 40,
  }),
  fc.array(fc.constantFrom(5e-324, 1e-310, 1, Number.MAX_VALUE), { maxLength: 40 }),
  hostile,
);
const confidence = mostly(
  fc.oneof(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.constantFrom(1 - 2 ** -53, 1 - 1e-15, 5e-324, 0.95),
  ),
);

function expectInterval(interval: { lower: number; upper: number }, low: number, high: number) {
  expect(interval.lower).toBeGreaterThanOrEqual(low);
  expect(interval.upper).toBeLessThanOrEqual(high);
  expect(interval.lower).toBeLessThanOrEqual(interval.upper);
}

describe('every survey function, on any input: a finite, correct result or an EngagekitError with a path', () => {
  it('nps', () => {
    fc.assert(
      fc.property(
        answers,
        options({ confidence, method: fc.constantFrom('wald', 'adjustedWald', 'x'), weights }),
        (responses, given) =>
          finiteOrRefused(
            'nps',
            () => nps(responses as number[], given as never),
            (result) => {
              const list = responses as number[];
              expect(result.n).toBe(list.length);
              expect(result.promoters).toBe(list.filter((r) => r >= 9).length);
              expect(result.detractors).toBe(list.filter((r) => r <= 6).length);
              expect(Math.abs(result.score)).toBeLessThanOrEqual(100);
              expect(result.effectiveSampleSize).toBeGreaterThanOrEqual(1);
              expectInterval(result.interval, -100, 100);
            },
          ),
      ),
      { numRuns: 400 },
    );
  });

  it('csat and ces', () => {
    const scale = fc.oneof(
      fc.tuple(fc.integer({ min: -5, max: 3 }), fc.integer({ min: 4, max: 12 })),
      fc.tuple(hostileNumber, hostileNumber),
      hostile,
    );
    fc.assert(
      fc.property(
        answers,
        options({ scale, satisfiedAtLeast: hostileNumber, confidence, weights }),
        options({
          scale,
          easyAtLeast: hostileNumber,
          confidence,
          weights,
          aggregate: fc.constantFrom('mean', 'shareEasy', 'median'),
        }),
        (responses, forCsat, forCes) => {
          finiteOrRefused(
            'csat',
            () => csat(responses as number[], forCsat as never),
            (result) => {
              expect(result.score).toBeGreaterThanOrEqual(0);
              expect(result.score).toBeLessThanOrEqual(100);
              expect(result.satisfied).toBeLessThanOrEqual(result.n);
              expectInterval(result.interval, 0, 100);
            },
          );
          finiteOrRefused(
            'ces',
            () => ces(responses as number[], forCes as never),
            (result) => {
              const [lowest, highest] = [
                result.distribution[0]!.value,
                result.distribution.at(-1)!.value,
              ];
              expect(result.mean).toBeGreaterThanOrEqual(lowest);
              expect(result.mean).toBeLessThanOrEqual(highest);
              if (result.meanInterval !== null)
                expectInterval(result.meanInterval, lowest, highest);
              expectInterval(result.shareEasyInterval, 0, 100);
            },
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('npsFromCounts, compareNps, wilsonInterval and npsCategory', () => {
    const count = mostly(
      fc.oneof(fc.nat({ max: 1000 }), fc.constantFrom(0, 2 ** 53 - 1)),
      hostileNumber,
    );
    const sample = mostly(
      fc.record({
        score: mostly(fc.double({ min: -100, max: 100, noNaN: true }), hostileNumber),
        promoterRate: mostly(fc.double({ min: 0, max: 0.5, noNaN: true }), hostileNumber),
        detractorRate: mostly(fc.double({ min: 0, max: 0.5, noNaN: true }), hostileNumber),
        effectiveSampleSize: mostly(
          fc.oneof(
            fc.double({ min: 1, max: Number.MAX_VALUE, noNaN: true }),
            fc.constantFrom(1, Number.MAX_VALUE),
          ),
          fc.oneof(hostileNumber, fc.double({ min: 0, max: 1, noNaN: true })),
        ),
      }),
    );
    const method = fc.constantFrom('wald', 'adjustedWald', 'x');
    fc.assert(
      fc.property(
        options({ promoters: count, passives: count, detractors: count }),
        options({ confidence, method }),
        sample,
        sample,
        fc.oneof(
          fc.nat({ max: 2 ** 53 - 1 }).chain((n) => fc.tuple(fc.nat({ max: n }), fc.constant(n))),
          fc.tuple(count, count),
        ),
        hostile,
        (counts, given, a, b, [successes, n], answer) => {
          finiteOrRefused(
            'npsFromCounts',
            () => npsFromCounts(counts as never, given as never),
            (result) => {
              expect(Math.abs(result.score)).toBeLessThanOrEqual(100);
              expectInterval(result.interval, -100, 100);
            },
          );
          finiteOrRefused(
            'compareNps',
            () => compareNps(a as never, b as never, given as never),
            (result) => {
              expect(result.pValue).toBeGreaterThanOrEqual(0);
              expect(result.pValue).toBeLessThanOrEqual(1);
              expectInterval(result.interval, -200, 200);
            },
          );
          finiteOrRefused(
            'wilsonInterval',
            () => wilsonInterval(successes as number, n as number, given as never),
            (result) => {
              expectInterval(result, 0, 1);
              // The Wilson interval always holds the observed share (to rounding).
              const share = (successes as number) / (n as number);
              expect(result.lower).toBeLessThanOrEqual(share + 1e-12);
              expect(result.upper).toBeGreaterThanOrEqual(share - 1e-12);
            },
          );
          finiteOrRefused(
            'npsCategory',
            () => npsCategory(answer as number),
            (category) => {
              const value = answer as number;
              expect(category).toBe(value >= 9 ? 'promoter' : value >= 7 ? 'passive' : 'detractor');
            },
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('npsCrossTab', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd');
    const segments = fc.oneof(
      fc.array(fc.record({ customerId: fc.oneof(id, hostile), segment: fc.oneof(id, hostile) })),
      fc.sparseArray(fc.record({ customerId: id, segment: fc.constantFrom('high', 'low') })),
      hostile,
    );
    const responses = fc.oneof(
      fc.array(
        fc.record({
          customerId: fc.oneof(id, hostile),
          response: fc.oneof(fc.integer({ min: 0, max: 10 }), hostile),
        }),
      ),
      fc.sparseArray(fc.record({ customerId: id, response: fc.integer({ min: 0, max: 10 }) })),
      hostile,
    );
    const names = fc.oneof(fc.array(fc.oneof(id, hostile), { maxLength: 4 }), hostile);
    fc.assert(
      fc.property(
        segments,
        responses,
        options({ segmentOrder: names, advocateSegments: names, atRiskSegments: names }),
        (bySegment, answered, given) =>
          finiteOrRefused(
            'npsCrossTab',
            () => npsCrossTab(bySegment as never, answered as never, given as never),
            (table) => {
              const respondents = table.rows.reduce((sum, row) => sum + row.respondents, 0);
              expect(table.total.respondents).toBe(respondents);
              for (const row of [...table.rows, table.total]) {
                if (row.nps !== null) expect(Math.abs(row.nps)).toBeLessThanOrEqual(100);
              }
            },
          ),
      ),
      { numRuns: 400 },
    );
  });
});
