import { describe, expect, it, vi } from 'vitest';
import { mulberry32 } from '../../../scripts/mulberry32.js';
import { compileModel } from '../../model/compileModel.js';
import { decayFactor } from '../../model/decayedValue.js';
import { defineModel } from '../../model/defineModel.js';
import { exponential } from '../../model/exponential.js';
import { linear } from '../../model/linear.js';
import { permanent } from '../../model/permanent.js';
import { step } from '../../model/step.js';
import { readEvents } from '../../score/_lib/readEvents.js';
import type { EngagementEvent } from '../../score/EngagementEvent.js';
import { ladderOf } from '../_lib/ladder.js';
import { forecast } from '../forecast.js';
import { segmentAt } from '../segmentAt.js';
import { transitions } from '../transitions.js';
import { segmentIndexAt } from './segmentIndexAt.js';
import { type SweepWork, sweepSegments } from './sweepSegments.js';

// Counts the terms summed the way scoreAt sums them (the work the sweep used to redo per probe).
vi.mock('../../model/decayedValue.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../model/decayedValue.js')>();
  return { ...original, decayFactor: vi.fn(original.decayFactor) };
});

const day = 86_400_000;
const model = defineModel({
  behaviours: {
    purchase: { boost: 50, decay: linear({ days: 120 }) },
    emailClick: { boost: 25, decay: linear({ days: 14 }, { grace: { days: 2 } }) },
    visit: { boost: 5, decay: exponential({ days: 3 }), cap: 15 },
    survey: { boost: 15, decay: step({ days: 30 }) },
    unsubscribe: { boost: -20, decay: linear({ days: 90 }) },
    signup: { boost: 0.01, decay: permanent() },
  },
  segments: { high: 30, low: 10, band: 5 },
});
const compiled = compileModel(model);
const ladder = ladderOf(model);

/** n seeded events of one customer spread over `span` days. */
function customer(n: number, span: number): EngagementEvent[] {
  const next = mulberry32(n + span);
  const ids = model.behaviourIds;
  return Array.from({ length: n }, () => ({
    behaviour: ids[Math.floor(next() * ids.length)]!,
    at: Math.floor(next() * span * day),
  }));
}

/** The work of a full sweep over a customer's history, and of a forecast's sweep at its middle. */
function workOf(events: readonly EngagementEvent[], span: number): { work: number; terms: number } {
  const columns = readEvents(compiled, events, 'test');
  const work: SweepWork = { regimeChanges: 0, pieces: 0, probes: 0, exactSums: 0, exactTerms: 0 };
  const counted = vi.mocked(decayFactor);
  counted.mockClear();
  sweepSegments(compiled, columns, ladder, -1, 2, span * day, Number.POSITIVE_INFINITY, { work });
  const middle = (span / 2) * day;
  sweepSegments(compiled, columns, ladder, middle, 0, 8.64e15, 1, { work });
  const behaviours = compiled.behaviourIds.length;
  return {
    // each piece and probe costs O(behaviours); each exact sum its live events
    work: work.regimeChanges + behaviours * (work.pieces + work.probes) + work.exactTerms,
    terms: counted.mock.calls.length,
  };
}

describe('sweepSegments', () => {
  it.each([
    ['steady: an event every 3 days on average, the history growing with n', 3],
    ['dense: every event within one year', 0],
  ])(
    'does O(n) work per sweep, not O(n^2), on a customer with 1,000 to 16,000 events (%s)',
    (_name, every) => {
      const sizes = [1000, 2000, 4000, 8000, 16_000];
      const counts = sizes.map((n) => {
        const span = every === 0 ? 365 : every * n;
        return workOf(customer(n, span), span);
      });
      for (let k = 1; k < sizes.length; k++) {
        // doubling the events at most doubles the work (and a little for the changes they add);
        // the former sweep, summing every event per probe and per breakpoint, quadrupled it
        expect(counts[k]!.work / counts[k - 1]!.work).toBeLessThan(2.4);
        expect(counts[k]!.terms).toBeLessThan(10 * sizes[k]!);
      }
      // and the counts themselves are a few per event
      expect(counts[4]!.work).toBeLessThan(100 * 16_000);
    },
  );

  it('forecasts, replays a band and lists transitions for 16,000 events with O(n) terms summed', () => {
    const events = customer(16_000, 48_000);
    const counted = vi.mocked(decayFactor);
    counted.mockClear();
    forecast(model, events, 24_000 * day);
    segmentAt(model, events, 40_000 * day);
    const changes = transitions(model, events, { from: 0, to: 48_000 * day });
    expect(changes.length).toBeGreaterThan(200);
    // scoreAt's terms: one full sum per call (forecast, segmentAt, the replay of transitions'
    // start) and, per change, an exact sum of the few events alive then; the former sweep summed
    // all 16,000 events at every probe: hundreds of millions of terms
    expect(counted.mock.calls.length).toBeLessThan(10 * 16_000);
  });

  it('agrees with segmentIndexAt on both sides of every change (the exact-millisecond contract)', () => {
    const events = customer(1000, 3000);
    const columns = readEvents(compiled, events, 'test');
    const changes = sweepSegments(compiled, columns, ladder, -1, 2, 3000 * day);
    expect(changes.length).toBeGreaterThan(10);
    for (const change of changes) {
      expect(segmentIndexAt(compiled, columns, ladder, change.at - 1)).toBe(change.from);
      expect(segmentIndexAt(compiled, columns, ladder, change.at)).toBe(change.to);
    }
  });
});
