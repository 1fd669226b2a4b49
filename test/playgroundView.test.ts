import { describe, expect, it } from 'vitest';
import { playgroundView } from '../site/playground/playgroundView.js';

/** The docs site's playground, without the browser: what it draws and says for a form's state. */
const purchaseOnly = {
  behaviours: [{ id: 'purchase', boost: 50, decay: 'linear' as const, days: 120 }],
  high: 30,
  low: 10,
  events: '0 purchase',
  asOf: 10,
  horizon: 120,
};

describe('playgroundView', () => {
  it('says the score, segment and next change of a purchase of +50 fading over 120 days', () => {
    // 50 * (1 - 10/120) = 45.83 on day 10; 30 (the high threshold) is reached on day 48
    // (DESIGN.md's linear decay), so the customer is low from then on
    expect(playgroundView(purchaseOnly).summary).toBe(
      'Day 10: score 45.8, high; low from day 48 if nothing new happens.',
    );
    expect(playgroundView({ ...purchaseOnly, asOf: 100 }).summary).toBe(
      'Day 100: score 8.3, disengaged; no change of segment if nothing new happens.',
    );
  });

  it('draws one decay curve per behaviour and the timeline with its three segment bands', () => {
    const view = playgroundView({
      ...purchaseOnly,
      behaviours: [
        ...purchaseOnly.behaviours,
        { id: 'visit', boost: 5, decay: 'exponential', days: 7 },
        { id: 'complaint', boost: -20, decay: 'step', days: 30 },
      ],
      events: '0 purchase\n5 visit\n9 complaint 2',
    });
    expect(view.problems).toEqual([]);
    expect(view.decaySvg.match(/<path d="M/g)).toHaveLength(3);
    expect(view.timelineSvg.match(/<rect [^>]*opacity="0.18"/g)).toHaveLength(3);
    expect(view.timelineSvg).toContain('>disengaged</text>');
  });

  it('marks each change of segment on the timeline with its day, and lists them', () => {
    // high -> low on day 48, low -> disengaged on day 96 (score 10)
    const view = playgroundView(purchaseOnly);
    expect(view.timelineSvg.match(/stroke-dasharray="4 3"/g)).toHaveLength(2);
    expect(view.timelineSvg).toContain('>48</text>');
    expect(view.timelineSvg).toContain('>96</text>');
    expect(view.changes).toEqual(['low on day 48', 'disengaged on day 96']);
  });

  it('reports every problem of the form at once, the model ones in the library’s words', () => {
    const view = playgroundView({
      ...purchaseOnly,
      high: 5,
      events: '0 purchase\nbought something\n3 visit\n4 purchase lots',
    });
    expect(view.problems).toEqual([
      expect.stringMatching(/^parseModel: .*high/),
      'events line 2: write "day behaviour [weight]", got "bought something"',
      'events line 3: unknown behaviour "visit"; the model has purchase',
      'events line 4: the weight "lots" is not a number',
    ]);
    expect(view).toMatchObject({ decaySvg: '', timelineSvg: '', summary: '', changes: [] });
  });

  it('refuses a forecast day outside the drawing and a horizon it cannot draw', () => {
    expect(playgroundView({ ...purchaseOnly, asOf: 200 }).problems).toEqual([
      'as of: pick a day between 0 and the horizon (120)',
    ]);
    expect(playgroundView({ ...purchaseOnly, horizon: 0, asOf: 0 }).problems).toEqual([
      'horizon: draw between 1 and 3650 days',
    ]);
  });
});
