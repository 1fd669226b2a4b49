import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlaygroundState } from '../site/playground/playgroundView.js';
import { sharedState, stateQuery } from '../site/playground/sharedState.js';

/** The playground's form in the page address: what a shared link brings back. */
const state: PlaygroundState = {
  behaviours: [{ id: 'purchase', boost: 50, decay: 'linear', days: 120 }],
  high: 30,
  low: 10,
  events: '0 purchase\n12 purchase 2',
  asOf: 10,
  horizon: 120,
};

describe('sharedState', () => {
  it('brings back the form a link was made from', () => {
    expect(stateQuery(state)).toMatch(/^\?state=%7B/);
    expect(sharedState(stateQuery(state))).toEqual(state);
  });

  it('ignores an address with no state, a cut or edited one, and one of another shape', () => {
    expect(sharedState('')).toBeUndefined();
    expect(sharedState('?other=1')).toBeUndefined();
    expect(sharedState(stateQuery(state).slice(0, 40))).toBeUndefined();
    expect(sharedState(`?state=${encodeURIComponent('[1, 2]')}`)).toBeUndefined();
    const unknownDecay = { ...state, behaviours: [{ ...state.behaviours[0], decay: 'cubic' }] };
    expect(sharedState(`?state=${encodeURIComponent(JSON.stringify(unknownDecay))}`)).toBe(
      undefined,
    );
    const textBoost = { ...state, behaviours: [{ ...state.behaviours[0], boost: '50' }] };
    expect(sharedState(`?state=${encodeURIComponent(JSON.stringify(textBoost))}`)).toBe(undefined);
    const { events: _events, ...noEvents } = state;
    expect(sharedState(`?state=${encodeURIComponent(JSON.stringify(noEvents))}`)).toBe(undefined);
  });

  it('round-trips every form with finite numbers and any text (property)', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(
        fc.record({
          behaviours: fc.array(
            fc.record({
              id: fc.string(),
              boost: finite,
              decay: fc.constantFrom('linear', 'exponential', 'step', 'permanent' as const),
              days: finite,
            }),
            { maxLength: 5 },
          ),
          high: finite,
          low: finite,
          events: fc.string({ unit: 'binary', maxLength: 100 }),
          asOf: finite,
          horizon: finite,
        }),
        (form) => {
          // JSON writes -0 as 0
          expect(sharedState(stateQuery(form))).toEqual(JSON.parse(JSON.stringify(form)));
        },
      ),
      { numRuns: 50 },
    );
  });
});
