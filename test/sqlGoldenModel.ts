import { defineModel, exponential, linear, step, type ToSqlOptions } from '../src/index.js';

/** The model of the golden queries in src/sql/golden/ and of docs/warehouse.md. */
export const GOLDEN_MODEL = defineModel({
  behaviours: {
    emailClick: { boost: 25, decay: linear({ days: 14 }) },
    purchase: { boost: 50, decay: linear({ days: 120 }, { grace: { days: 7 } }) },
    siteVisit: { boost: 5, decay: exponential({ days: 3 }, { cutoff: { days: 30 } }), cap: 15 },
    trial: { boost: 10, decay: step({ days: 30 }) },
    complaint: { boost: -20, decay: linear({ days: 60 }), cap: 30 },
  },
});

/** The options of the golden queries, without the dialect. */
export const GOLDEN_OPTIONS: Omit<ToSqlOptions, 'dialect'> = {
  at: Date.parse('2026-11-01T00:00:00Z'),
  table: ['analytics', 'events'],
  columns: { weight: 'weight' },
  segment: true,
};

/**
 * The model of the rules' golden queries in src/sql/golden/rules/ (issue 18): per-day caps in an
 * IANA zone with DST, at a fixed offset and in UTC, a rolling window, a reset, groups with bounds,
 * and bounds on the score.
 */
export const GOLDEN_RULES_MODEL = defineModel({
  behaviours: {
    emailOpen: {
      boost: 2,
      decay: linear({ days: 30 }),
      frequencyCap: { count: 5, per: 'day', timeZone: 'America/New_York' },
    },
    emailClick: {
      boost: 5,
      decay: linear({ days: 30 }),
      frequencyCap: { count: 3, per: 'day', timeZone: '+05:30' },
    },
    pageView: { boost: 1, decay: step({ days: 30 }), frequencyCap: { count: 20, per: 'day' } },
    purchase: {
      boost: 40,
      decay: exponential({ days: 60 }, { cutoff: { days: 365 } }),
      frequencyCap: { count: 2, window: { hours: 24 } },
    },
    unsubscribe: { boost: -30, decay: linear({ days: 90 }), resets: ['emailOpen', 'emailClick'] },
  },
  groups: {
    email: { behaviours: ['emailOpen', 'emailClick', 'unsubscribe'], bounds: { min: 0, max: 40 } },
    web: { behaviours: ['pageView'], bounds: { max: 30 } },
  },
  bounds: { min: 0, max: 100 },
});
