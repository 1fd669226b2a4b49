/**
 * The model of the Redis Stream example: one behaviour of each decay kind the incremental state
 * keeps (linear and step keep their live events; exponential and permanent keep O(1) numbers).
 */
import { defineModel, exponential, linear, permanent, step } from 'engagekit';

export const feedModel = defineModel({
  behaviours: {
    emailClick: { boost: 25, decay: linear({ days: 14 }) },
    purchase: { boost: 50, decay: linear({ days: 120 }) },
    siteVisit: { boost: 5, decay: exponential({ days: 3 }) },
    survey: { boost: 15, decay: step({ days: 30 }) },
    signup: { boost: 10, decay: permanent() },
  },
  segments: { high: 30, low: 10 },
});
