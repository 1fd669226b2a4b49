import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/thrown.js';
import { defineModel } from '../../model/defineModel.js';
import { exponential } from '../../model/exponential.js';
import { linear } from '../../model/linear.js';
import { permanent } from '../../model/permanent.js';
import { step } from '../../model/step.js';
import type { EngagementEvent } from '../EngagementEvent.js';
import { applyEvent } from './applyEvent.js';
import { createScoreState } from './createScoreState.js';
import { mergeStates } from './mergeStates.js';
import { parseState } from './parseState.js';
import { scoreState } from './scoreState.js';
import { serializeState } from './serializeState.js';

const day = 86_400_000;
const model = defineModel({
  behaviours: {
    click: { boost: 25, decay: linear({ days: 14 }) },
    visit: { boost: 8, decay: exponential({ days: 7 }), cap: 20 },
    survey: { boost: 15, decay: step({ days: 30 }) },
    signup: { boost: 3, decay: permanent() },
  },
});

describe('incremental state', () => {
  it('scores a stream (hand computation in the comments)', () => {
    const state = createScoreState(model);
    applyEvent(state, { customerId: 'ada', behaviour: 'signup', at: 0 });
    applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 7 * day });
    applyEvent(state, { customerId: 'ada', behaviour: 'visit', at: 14 * day });
    applyEvent(state, { customerId: 'ada', behaviour: 'visit', at: 7 * day, weight: 3 });
    // at 14 days: signup 3 + click 25 * (1 - 7/14) = 12.5 + visits 8 + 24 * 2^-1 = 20, at the cap 20
    const scores = scoreState(state, 14 * day);
    expect(scores.ada).toBeCloseTo(35.5, 12);
  });

  it('prunes expired events from windows as newer events arrive', () => {
    const state = createScoreState(model);
    applyEvent(state, { customerId: 'ada', behaviour: 'survey', at: 0 });
    applyEvent(state, { customerId: 'ada', behaviour: 'survey', at: 40 * day });
    // the survey at 0 is 40 days older than the newest event: it can never count again
    expect(JSON.parse(serializeState(state)).customers.ada.windows[2]).toEqual([40 * day, 15]);
    // an event already expired on arrival is dropped
    applyEvent(state, { customerId: 'ada', behaviour: 'survey', at: day });
    expect(JSON.parse(serializeState(state)).customers.ada.windows[2]).toEqual([40 * day, 15]);
    expect(scoreState(state, 40 * day)).toEqual({ ada: 15 });
  });

  it('keeps customer ids such as __proto__ as ordinary keys', () => {
    const state = applyEvent(createScoreState(model), {
      customerId: '__proto__',
      behaviour: 'signup',
      at: 0,
    });
    expect(Object.keys(scoreState(state, 0))).toEqual(['__proto__']);
    expect(Object.keys(scoreState(parseState(model, serializeState(state)), 0))).toEqual([
      '__proto__',
    ]);
  });

  it('writes its JSON as JSON.stringify writes the object of its customers, over several chunks', () => {
    // Ids that are array indexes come first in an object, ascending; the others keep their order.
    const ids = ['b', '10', '__proto__', '2', '4294967295', '01', '4294967294', '-1', '0', ''];
    for (let c = 0; c < 5000; c++) ids.push(c % 2 === 0 ? String(c + 11) : `c${c}`);
    const state = createScoreState(model);
    ids.forEach((customerId, i) => {
      applyEvent(state, { customerId, behaviour: 'click', at: i });
      applyEvent(state, { customerId, behaviour: 'click', at: i + 1 });
      applyEvent(state, { customerId, behaviour: 'visit', at: i });
    });
    const text = serializeState(state);
    expect(JSON.stringify(JSON.parse(text))).toBe(text);
    const keys = Object.keys(JSON.parse(text).customers);
    expect(keys.slice(0, 4)).toEqual(['0', '2', '10', '11']);
    // 4 + 2500 array indexes, then the other ids in the order they came.
    expect(keys.slice(2503, 2508)).toEqual(['4294967294', 'b', '__proto__', '4294967295', '01']);
    expect(keys).toHaveLength(ids.length);
    expect(serializeState(parseState(model, text))).toBe(text);
  });

  it('rejects bad events with INVALID_EVENT naming the field', () => {
    const state = createScoreState(model);
    for (const [event, field] of [
      [{ behaviour: 'click', at: Number.NaN }, 'at'],
      [{ behaviour: 'click', at: 0, weight: Number.POSITIVE_INFINITY }, 'weight'],
      [{ behaviour: 'click', at: 0, customerId: 7 }, 'customerId'],
      [{ behaviour: 3, at: 0 }, 'behaviour'],
    ] as const) {
      const error = thrown(() => applyEvent(state, event as unknown as EngagementEvent));
      expect(error.code).toBe('INVALID_EVENT');
      expect(error.path).toEqual(['event', field]);
      expect(error.message).toMatch(new RegExp(`^applyEvent: event\\.${field} `));
    }
  });

  it('rejects an unknown behaviour with UNKNOWN_BEHAVIOUR', () => {
    const error = thrown(() => applyEvent(createScoreState(model), { behaviour: 'nope', at: 0 }));
    expect(error.code).toBe('UNKNOWN_BEHAVIOUR');
    expect(error.path).toEqual(['event', 'behaviour']);
    expect(error.message).toContain('event.behaviour "nope"');
  });

  it('rejects scoring before the newest event with INVALID_INSTANT', () => {
    const state = applyEvent(createScoreState(model), { behaviour: 'click', at: day });
    const error = thrown(() => scoreState(state, 0));
    expect(error.code).toBe('INVALID_INSTANT');
    expect(error.path).toEqual(['at']);
    expect(error.message).toMatch(/^scoreState: at 0 is before the newest event/);
  });

  it('rejects merging states of different models with INVALID_STATE', () => {
    const other = defineModel({ behaviours: { click: { boost: 25, decay: linear({ days: 7 }) } } });
    const error = thrown(() => mergeStates(createScoreState(model), createScoreState(other)));
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toMatch(/^mergeStates: .*different models/);
  });

  it('rejects malformed or foreign serialised states with INVALID_STATE and the field', () => {
    const state = applyEvent(createScoreState(model), {
      customerId: 'ada',
      behaviour: 'click',
      at: 0,
    });
    const good = JSON.parse(serializeState(state));
    const notJson = thrown(() => parseState(model, '{oops'));
    expect(notJson.code).toBe('INVALID_STATE');
    expect(notJson.message).toMatch(/^parseState: the text is not JSON/);
    const version = thrown(() => parseState(model, { ...good, version: 4 }));
    expect(version.code).toBe('INVALID_STATE');
    expect(version.path).toEqual(['version']);
    expect(version.message).toMatch(/^parseState: version/);
    const other = defineModel({ behaviours: { click: { boost: 25, decay: linear({ days: 7 }) } } });
    const foreign = thrown(() => parseState(other, good));
    expect(foreign.path).toEqual(['behaviourIds']);
    expect(foreign.message).toContain('another model');
    const unsorted = structuredClone(good);
    unsorted.latest = 10;
    unsorted.customers.ada.windows[0] = [5, 25, 1, 25];
    const error = thrown(() => parseState(model, unsorted));
    expect(error.path).toEqual(['customers', 'ada', 'windows', 0, 2]);
    expect(error.message).toContain('windows[0][2] must not be before the time before it');
  });
});
