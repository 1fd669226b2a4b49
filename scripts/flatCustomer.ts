/**
 * A customer whose score sits exactly on a threshold all along (issue 21's slow sweep): three
 * base boosts make the threshold itself, then each of `n / 2` pairs adds `+boost` and `-boost` at
 * one instant over a year, so that the live events grow to n while the score stays put. Used by
 * src/segment/sweep/flatThreshold.test.ts and bench/sweep-flat.ts.
 */
import type { DecaySpec } from '../src/model/decaySchema.js';
import { defineModel } from '../src/model/defineModel.js';
import { permanent } from '../src/model/permanent.js';
import type { EngagementEvent } from '../src/score/EngagementEvent.js';
import { scoreAt } from '../src/score/scoreAt.js';

const day = 86_400_000;

export function flatCustomer(base: number, boost: number, decay: DecaySpec, n: number) {
  const behaviours = {
    base: { boost: base, decay: permanent() },
    plus: { boost, decay },
    minus: { boost: -boost, decay },
  };
  const events: EngagementEvent[] = [0, 1, 2].map(() => ({ behaviour: 'base', at: 0 }));
  for (let k = 0; k < n / 2; k++) {
    const at = Math.floor((k * 365 * day) / (n / 2)) + 1;
    events.push({ behaviour: 'plus', at }, { behaviour: 'minus', at });
  }
  const threshold = scoreAt(defineModel({ behaviours }), events, 0);
  const model = defineModel({ behaviours, segments: { high: threshold, low: threshold / 2 } });
  return { model, events, threshold };
}
