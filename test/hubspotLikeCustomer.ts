/**
 * A hand-worked customer of a HubSpot-like model, shared by the rules' explain and forecast tests:
 * email and commerce groups, the email group limited to 25 and the score to 100; at most two
 * email clicks a day count (UTC), and an unsubscribe wipes the clicks before it.
 */
import { defineModel, linear, permanent } from '../src/index.js';

const HOUR = 3_600_000;

export const hubspotLikeModel = defineModel({
  behaviours: {
    emailClick: { boost: 10, decay: permanent(), frequencyCap: { count: 2, per: 'day' } },
    purchase: { boost: 50, decay: linear({ days: 100 }) },
    unsubscribe: { boost: 0, decay: permanent(), resets: ['emailClick'] },
  },
  groups: {
    email: { behaviours: ['emailClick'], bounds: { max: 25 } },
    commerce: { behaviours: ['purchase'] },
  },
  bounds: { max: 100 },
});

/** Its events: four clicks count by 26 h (the third of day 0 is capped); the unsubscribe at 30 h. */
export const hubspotLikeEvents = [
  { behaviour: 'emailClick', at: 0 },
  { behaviour: 'emailClick', at: 1 * HOUR },
  { behaviour: 'emailClick', at: 2 * HOUR }, // third of day 0: capped
  { behaviour: 'purchase', at: 0 },
  { behaviour: 'emailClick', at: 24 * HOUR },
  { behaviour: 'emailClick', at: 25 * HOUR },
  { behaviour: 'unsubscribe', at: 30 * HOUR }, // discards the four counted clicks before it
  { behaviour: 'emailClick', at: 50 * HOUR }, // day 2: counts
];
