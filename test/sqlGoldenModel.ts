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
