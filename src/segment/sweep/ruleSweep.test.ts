import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../scripts/mulberry32.js';
import { compileModel } from '../../model/compileModel.js';
import { defineModel } from '../../model/defineModel.js';
import { exponential } from '../../model/exponential.js';
import { linear } from '../../model/linear.js';
import { permanent } from '../../model/permanent.js';
import { step } from '../../model/step.js';
import { readEvents } from '../../score/_lib/readEvents.js';
import type { EngagementEvent } from '../../score/EngagementEvent.js';
import { scoreAt } from '../../score/scoreAt.js';
import { ladderOf } from '../_lib/ladder.js';
import { ruleScoreOf, sweepInput } from './ruleSweep.js';
import { type SweepWork, sweepSegments } from './sweepSegments.js';

const day = 86_400_000;
// every rule: a frequency cap per day and per window, resets, groups with bounds, model bounds
const model = defineModel({
  behaviours: {
    purchase: { boost: 50, decay: linear({ days: 120 }) },
    emailClick: {
      boost: 25,
      decay: linear({ days: 14 }, { grace: { days: 2 } }),
      frequencyCap: { count: 2, per: 'day', timeZone: 'Europe/Amsterdam' },
    },
    visit: {
      boost: 5,
      decay: exponential({ days: 3 }),
      cap: 15,
      frequencyCap: { count: 3, window: { hours: 12 } },
    },
    survey: { boost: 15, decay: step({ days: 30 }) },
    unsubscribe: { boost: -20, decay: linear({ days: 90 }), resets: ['emailClick', 'visit'] },
    signup: { boost: 0.01, decay: permanent() },
  },
  groups: {
    email: { behaviours: ['emailClick', 'unsubscribe'], bounds: { min: -10, max: 40 } },
    web: { behaviours: ['visit', 'signup'], bounds: { max: 12 } },
  },
  bounds: { min: 0, max: 100 },
  segments: { high: 80, low: 40, band: 5 },
});
const compiled = compileModel(model);
const ladder = ladderOf(model);

/** n seeded events of one customer spread over `span` days. */
function customer(n: number, span: number): EngagementEvent[] {
  const next = mulberry32(7 * n + span);
  const ids = model.behaviourIds;
  return Array.from({ length: n }, () => ({
    behaviour: ids[Math.floor(next() * ids.length)]!,
    at: Math.floor(next() * span * day),
  }));
}

describe('the sweep under the scoring rules', () => {
  it('sums a customer with every rule as scoreAt does, at instants around each event', () => {
    const events = customer(300, 400);
    const input = sweepInput(compiled, readEvents(compiled, events, 'test'));
    for (const event of events.slice(0, 60)) {
      for (const t of [
        event.at as number,
        (event.at as number) - 1,
        (event.at as number) + 7 * day,
      ]) {
        expect(ruleScoreOf(compiled, input.columns, input.rules!, t, 'test')).toBe(
          scoreAt(model, events, t),
        );
      }
    }
  });

  it('does O(n) work per sweep, not O(n^2), on a customer with 1,000 to 16,000 events', () => {
    const sizes = [1000, 2000, 4000, 8000, 16_000];
    const counts = sizes.map((n) => {
      const span = 3 * n;
      const input = sweepInput(compiled, readEvents(compiled, customer(n, span), 'test'));
      const work: SweepWork = {
        regimeChanges: 0,
        pieces: 0,
        probes: 0,
        exactSums: 0,
        exactTerms: 0,
      };
      const options = { work, rules: input.rules };
      const changes = sweepSegments(
        compiled,
        input.columns,
        ladder,
        -1,
        2,
        span * day,
        Infinity,
        options,
      );
      // the history does move through the segments, so the sweep has work to do
      expect(changes.length).toBeGreaterThan(n / 50);
      sweepSegments(compiled, input.columns, ladder, (span / 2) * day, 0, 8.64e15, 1, options);
      const behaviours = compiled.behaviourIds.length;
      return work.regimeChanges + behaviours * (work.pieces + work.probes) + work.exactTerms;
    });
    for (let k = 1; k < sizes.length; k++) {
      // doubling the events at most doubles the work (and a little for the changes they add)
      expect(counts[k]! / counts[k - 1]!).toBeLessThan(2.4);
    }
    expect(counts[4]!).toBeLessThan(100 * 16_000);
  });
});
