import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/thrown.js';
import { defineModel } from '../../model/defineModel.js';
import { exponential } from '../../model/exponential.js';
import { linear } from '../../model/linear.js';
import { scoreAt } from '../scoreAt.js';
import { advanceState } from './advanceState.js';
import { applyColumns } from './applyColumns.js';
import { applyEvent } from './applyEvent.js';
import { createScoreState } from './createScoreState.js';
import { heldEvents } from './heldEvents.js';
import { parseState } from './parseState.js';
import { scoreCustomer } from './scoreCustomer.js';
import { scoreState } from './scoreState.js';
import { serializeState } from './serializeState.js';

const day = 86_400_000;
const model = defineModel({
  behaviours: {
    click: { boost: 10, decay: linear({ days: 10 }) },
    visit: { boost: 8, decay: exponential({ days: 7 }) },
  },
});

describe('events stamped ahead of the horizon', () => {
  it('three events a day ahead (a skewed phone) leave the state scorable at now, and count from their own time', () => {
    const now = 30 * day;
    const state = advanceState(createScoreState(model), now);
    applyEvent(state, { customerId: 'ada', behaviour: 'visit', at: now - day });
    for (const hour of [1, 2, 3]) {
      applyEvent(state, {
        customerId: 'bob',
        behaviour: 'click',
        at: now + day + hour * 3_600_000,
      });
    }
    expect(heldEvents(state)).toEqual({
      count: 3,
      earliest: now + day + 3_600_000,
      latest: now + day + 3 * 3_600_000,
      horizon: now,
      maxHeld: 1_000_000,
    });
    // Before: scoreState(state, now) threw INVALID_INSTANT. Now bob is listed, with nothing yet.
    expect(scoreState(state, now)).toEqual({ ada: 8 * 2 ** (-1 / 7), bob: 0 });
    expect(scoreCustomer(state, 'bob', now + day + 2 * 3_600_000)).toBeCloseTo(
      10 * (1 - 1 / 240) + 10,
      12,
    );
    expect(heldEvents(state).count).toBe(1);
    const later = now + 2 * day;
    const events = [
      { customerId: 'bob', behaviour: 'click', at: now + day + 3_600_000 },
      { customerId: 'bob', behaviour: 'click', at: now + day + 2 * 3_600_000 },
      { customerId: 'bob', behaviour: 'click', at: now + day + 3 * 3_600_000 },
    ];
    expect(scoreState(state, later).bob).toBeCloseTo(scoreAt(model, events, later), 12);
    expect(heldEvents(state).count).toBe(0);
  });

  it('a fresh state folds every event in (a bulk load), so the past stays refused with an error saying to advance first', () => {
    const state = createScoreState(model);
    applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 5 * day });
    const error = thrown(() => scoreState(state, 4 * day));
    expect(error.code).toBe('INVALID_INSTANT');
    expect(error.message).toMatch(/call advanceState\(state, now\)/);
    expect(thrown(() => advanceState(state, 4 * day)).code).toBe('INVALID_INSTANT');
  });

  it('applyColumns holds the events after the horizon and folds the rest', () => {
    const state = advanceState(createScoreState(model), 10 * day);
    applyColumns(
      state,
      {
        customer: Uint32Array.of(0, 1, 0),
        behaviour: Uint8Array.of(0, 1, 1),
        at: Float64Array.of(9 * day, 12 * day, 11 * day),
      },
      ['ada', 'bob'],
    );
    expect(heldEvents(state).count).toBe(2);
    expect(scoreState(state, 10 * day)).toEqual({ ada: 9, bob: 0 });
    expect(scoreState(state, 12 * day)).toEqual({
      ada: 7 + 8 * 2 ** (-1 / 7),
      bob: 8,
    });
  });

  it('holds at most maxHeld events: beyond it the earliest are folded and the horizon moves up to them', () => {
    const state = advanceState(createScoreState(model, { maxHeld: 2 }), 0);
    for (const at of [3, 1, 2, 4].map((d) => d * day)) {
      applyEvent(state, { customerId: 'ada', behaviour: 'click', at });
    }
    expect(heldEvents(state)).toMatchObject({ count: 2, earliest: 3 * day, horizon: 2 * day });
    expect(thrown(() => scoreState(state, day)).code).toBe('INVALID_INSTANT');
    expect(scoreState(state, 2 * day).ada).toBeCloseTo(10 * 0.9 + 10, 12);
  });

  it('serializeState keeps the held events and the horizon; parseState restores them', () => {
    const state = advanceState(createScoreState(model), 10 * day);
    applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 9 * day });
    applyEvent(state, { customerId: 'bob', behaviour: 'visit', at: 11 * day, weight: 2 });
    const text = serializeState(state);
    expect(JSON.parse(text)).toMatchObject({
      version: 3,
      horizon: 10 * day,
      maxHeld: 1_000_000,
      held: [['bob', 'visit', 11 * day, 16]],
    });
    const copy = parseState(model, text);
    expect(serializeState(copy)).toBe(text);
    expect(scoreState(copy, 12 * day)).toEqual(scoreState(state, 12 * day));
  });

  it('parseState refuses held events that are not after the horizon, of unknown behaviours or customers, or more than maxHeld', () => {
    const state = advanceState(createScoreState(model), 10 * day);
    applyEvent(state, { customerId: 'bob', behaviour: 'visit', at: 11 * day });
    const good = JSON.parse(serializeState(state));
    const early = thrown(() => parseState(model, { ...good, held: [['bob', 'visit', day, 8]] }));
    expect(early.code).toBe('INVALID_STATE');
    expect(early.path).toEqual(['held', 0]);
    const unknown = thrown(() =>
      parseState(model, { ...good, held: [['bob', 'nope', 11 * day, 8]], maxHeld: 'x' }),
    );
    expect(unknown.issues.map((issue) => issue.path.join('.'))).toEqual(['maxHeld', 'held.0']);
    expect(thrown(() => parseState(model, { ...good, maxHeld: 0 })).path).toEqual(['held']);
    const stranger = thrown(() =>
      parseState(model, { ...good, held: [['eve', 'visit', 11 * day, 8]] }),
    );
    expect(stranger.message).toMatch(/customer "eve", who is not in customers/);
  });

  it('createScoreState refuses a maxHeld that is not a whole number', () => {
    const error = thrown(() => createScoreState(model, { maxHeld: 1.5 }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['options', 'maxHeld']);
  });
});
