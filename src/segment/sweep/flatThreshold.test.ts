import { describe, expect, it } from 'vitest';
import { flatCustomer } from '../../../scripts/flatCustomer.js';
import { compileModel } from '../../model/compileModel.js';
import { linear } from '../../model/linear.js';
import { step } from '../../model/step.js';
import { readEvents } from '../../score/_lib/readEvents.js';
import { scoreAt } from '../../score/scoreAt.js';
import { ladderOf } from '../_lib/ladder.js';
import { transitions } from '../transitions.js';
import { segmentIndexAt } from './segmentIndexAt.js';
import { type SweepWork, sweepSegments } from './sweepSegments.js';

const day = 86_400_000;

/** A sweep's work counters, all 0. */
function noWork(): SweepWork {
  return { regimeChanges: 0, pieces: 0, probes: 0, exactSums: 0, exactTerms: 0 };
}

// Issue 21: the closed form cannot tell which side of a threshold such a score is on, and the
// sweep summed every live event at each of up to 16,384 + 16n milliseconds it could not decide:
// 15 s at 4,000 events, minutes at 16,000 (O(n^2)).
describe('sweepSegments on a score that sits exactly on a threshold', () => {
  it.each([
    ['steps of integer boosts', 5, 1, step({ days: 400 })],
    ['steps of fractional boosts', 0.1, 0.7, step({ days: 400 })],
    ['linear decays that cancel in pairs', 0.1, 0.7, linear({ days: 400 })],
  ])(
    'does O(n log n) work (%s) and finds no change, as scoreAt stays on it',
    (_name, base, boost, decay) => {
      const sizes = [1000, 4000, 16_000];
      const work = sizes.map((n) => {
        const { model, events, threshold } = flatCustomer(base, boost, decay, n);
        const compiled = compileModel(model);
        const columns = readEvents(compiled, events, 'test');
        const ladder = ladderOf(model);
        const counts = noWork();
        const changes = sweepSegments(
          compiled,
          columns,
          ladder,
          -1,
          0,
          800 * day,
          Number.POSITIVE_INFINITY,
          { work: counts },
        );
        expect(changes).toEqual([]);
        for (const t of [1, 100 * day, 364 * day, 700 * day]) {
          expect(scoreAt(model, events, t)).toBe(threshold);
          expect(segmentIndexAt(compiled, columns, ladder, t)).toBe(0);
        }
        return counts.probes + counts.exactTerms;
      });
      // at most 2^20 exact terms plus O(n log n): the former sweep summed 10^8 terms at 16,000
      sizes.forEach((n, k) => {
        expect(work[k]!).toBeLessThan(2 ** 20 + 40 * n * Math.log2(n));
      });
    },
  );

  it('decides a score of integers on a threshold without summing the live events at all', () => {
    const { model, events } = flatCustomer(5, 1, step({ days: 400 }), 16_000);
    const compiled = compileModel(model);
    const counts = noWork();
    const columns = readEvents(compiled, events, 'test');
    sweepSegments(compiled, columns, ladderOf(model), -1, 0, 800 * day, Infinity, {
      work: counts,
    });
    expect(counts.exactTerms).toBe(0);
  });

  it('still finds the changes when such a customer leaves the threshold, at the millisecond segmentAt does', () => {
    const { model, events } = flatCustomer(5, 1, step({ days: 400 }), 2000);
    // one more minus, at day 200 for its 400 days, drops the score below high (15 -> 14)
    const more = [...events, { behaviour: 'minus', at: 200 * day + 17 }];
    const changes = transitions(model, more, { from: -1, to: 800 * day });
    expect(changes.map(({ at, from, to }) => ({ at, from, to }))).toEqual([
      { at: 0, from: 'disengaged', to: 'high' },
      { at: 200 * day + 17, from: 'high', to: 'low' },
      { at: 600 * day + 17, from: 'low', to: 'high' },
    ]);
  });
});
