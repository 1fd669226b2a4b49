import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PlaygroundState, playgroundView } from '../site/playground/playgroundView.js';
import { defineModel, linear, scoreAt } from '../src/index.js';

/** Properties of the docs site's playground view, over forms a person could fill in. */
const DAY = 86_400_000;
const ids = ['purchase', 'email_click', 'visit', 'complaint'];
const form: fc.Arbitrary<PlaygroundState> = fc
  .record({
    rows: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom(...ids),
        boost: fc.integer({ min: -100, max: 100 }),
        decay: fc.constantFrom('linear', 'exponential', 'step', 'permanent' as const),
        days: fc.integer({ min: -5, max: 400 }),
      }),
      { minLength: 1, maxLength: 4, selector: (row) => row.id },
    ),
    high: fc.integer({ min: -20, max: 120 }),
    low: fc.integer({ min: -20, max: 120 }),
    events: fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.constantFrom(...ids, 'typo')), {
      maxLength: 12,
    }),
    asOf: fc.integer({ min: 0, max: 200 }),
    horizon: fc.integer({ min: 1, max: 200 }),
  })
  .map(({ rows, events, ...rest }) => ({
    ...rest,
    behaviours: rows,
    events: events.map(([day, behaviour]) => `${day} ${behaviour}`).join('\n'),
  }));

describe('playgroundView properties', () => {
  it('draws both charts and a summary exactly when the form has no problem, and never throws', () => {
    fc.assert(
      fc.property(form, (state) => {
        const view = playgroundView(state);
        if (view.problems.length === 0) {
          expect(view.decaySvg.startsWith('<svg')).toBe(true);
          expect(view.timelineSvg.startsWith('<svg')).toBe(true);
          expect(view.summary).toMatch(/^Day \d+: score -?[\d.]+, (high|low|disengaged); /);
          expect(view.summary).not.toContain('NaN');
        } else {
          expect(view).toMatchObject({ decaySvg: '', timelineSvg: '', summary: '' });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a line naming a behaviour the model lacks is always reported with its line number', () => {
    fc.assert(
      fc.property(form, fc.nat({ max: 5 }), (state, blank) => {
        const events = `${'\n'.repeat(blank)}3 typo`;
        const view = playgroundView({ ...state, events });
        expect(view.problems).toContain(
          `events line ${blank + 1}: unknown behaviour "typo"; the model has ${state.behaviours.map((row) => row.id).join(', ')}`,
        );
      }),
      { numRuns: 30 },
    );
  });

  it("the summary's score is scoreAt's, rounded to one decimal", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 90 }),
        (days, asOf) => {
          const view = playgroundView({
            behaviours: [{ id: 'purchase', boost: 50, decay: 'linear', days: 120 }],
            high: 30,
            low: 10,
            events: days.map((day) => `${day} purchase`).join('\n'),
            asOf,
            horizon: 90,
          });
          const model = defineModel({
            behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } },
          });
          const events = days.map((day) => ({ behaviour: 'purchase', at: day * DAY }));
          const score = Number(scoreAt(model, events, asOf * DAY).toFixed(1));
          expect(view.summary).toContain(`score ${score},`);
        },
      ),
      { numRuns: 40 },
    );
  });
});
