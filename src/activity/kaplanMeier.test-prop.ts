import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier } from './kaplanMeier.js';
import { medianSurvivalTime } from './medianSurvivalTime.js';

const subjects = fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.boolean()), {
  minLength: 1,
  maxLength: 120,
});
const split = (pairs: [number, boolean][]) =>
  [pairs.map(([time]) => time), pairs.map(([, seen]) => seen)] as const;

describe('kaplanMeier properties', () => {
  it('survival is non-increasing and within [0, 1]', () => {
    fc.assert(
      fc.property(subjects, (pairs) => {
        let previous = 1;
        for (const row of kaplanMeier(...split(pairs))) {
          expect(row.survival).toBeLessThanOrEqual(previous);
          expect(row.survival).toBeGreaterThanOrEqual(0);
          previous = row.survival;
        }
      }),
    );
  });

  it('the interval contains the estimate and stays within [0, 1]', () => {
    fc.assert(
      fc.property(subjects, (pairs) => {
        for (const row of kaplanMeier(...split(pairs))) {
          if (row.lower === null || row.upper === null) {
            expect(row.survival).toBe(0);
            continue;
          }
          expect(row.lower).toBeGreaterThanOrEqual(0);
          expect(row.lower).toBeLessThanOrEqual(row.survival);
          expect(row.upper).toBeGreaterThanOrEqual(row.survival);
          expect(row.upper).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('every event is counted once and the risk set only shrinks', () => {
    fc.assert(
      fc.property(subjects, (pairs) => {
        const table = kaplanMeier(...split(pairs));
        const events = table.reduce((sum, row) => sum + row.events, 0);
        expect(events).toBe(pairs.filter(([, seen]) => seen).length);
        for (let i = 1; i < table.length; i++) {
          expect(table[i]!.time).toBeGreaterThan(table[i - 1]!.time);
          expect(table[i]!.atRisk).toBeLessThanOrEqual(table[i - 1]!.atRisk - table[i - 1]!.events);
        }
      }),
    );
  });

  it('without censoring, survival is the share of durations beyond each time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 80 }),
        (times) => {
          for (const row of kaplanMeier(
            times,
            times.map(() => true),
          )) {
            const beyond = times.filter((time) => time > row.time).length / times.length;
            expect(row.survival).toBeCloseTo(beyond, 12);
          }
        },
      ),
    );
  });

  it('the median is a time of the table or the midpoint of two', () => {
    fc.assert(
      fc.property(subjects, (pairs) => {
        const table = kaplanMeier(...split(pairs));
        const median = medianSurvivalTime(table);
        if (median === null) {
          for (const row of table) expect(row.survival).toBeGreaterThan(0.5);
        } else {
          expect(median).toBeGreaterThanOrEqual(table[0]!.time);
          expect(median).toBeLessThanOrEqual(table[table.length - 1]!.time);
        }
      }),
    );
  });

  it('the order of the subjects does not matter', () => {
    fc.assert(
      fc.property(subjects, (pairs) => {
        expect(kaplanMeier(...split([...pairs].reverse()))).toEqual(kaplanMeier(...split(pairs)));
      }),
    );
  });
});
