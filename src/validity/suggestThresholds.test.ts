import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { suggestThresholds } from './suggestThresholds.js';

const scores = [2, 5, 8, 12, 15, 20, 24, 31, 40, 55];
const bought = [false, false, false, true, false, false, true, true, true, true];

describe('suggestThresholds', () => {
  it('picks high by Youden J and low by J among the rest (worked by hand)', () => {
    // From the top, 5 positives and 5 negatives: J(55) .2, J(40) .4, J(31) .6, J(24) .8,
    // J(20) .6, J(15) .4, J(12) .6, ... so high = 24. Below 24 (20F 15F 12T 8F 5F 2F, 1 positive,
    // 5 negatives): J(20) -.2, J(15) -.4, J(12) 1 - .4 = .6, J(8) .4, ... so low = 12.
    const result = suggestThresholds(scores, bought, { method: 'youden' });
    expect(result.segments).toEqual({ high: 24, low: 12 });
    expect(result.cuts.low).toEqual({
      threshold: 12,
      sensitivity: 1,
      specificity: 0.6,
      youden: 0.6,
    });
    expect(result.shares).toEqual({ high: 0.4, low: 0.3, disengaged: 0.3 });
    // Segment AUC: the 4 high positives beat all 5 negatives (20 pairs); the low positive (12)
    // ties the two low negatives (2 x 1/2) and beats the 3 disengaged: 24 / 25 = 0.96.
    expect(result.auc).toBe(0.96);
    expect(
      result.lift.map((row) => [row.segment, row.n, row.positives, row.rate, row.lift]),
    ).toEqual([
      ['high', 4, 4, 1, 2],
      ['low', 3, 1, 1 / 3, 2 / 3],
      ['disengaged', 3, 0, 0, 0],
    ]);
  });

  it('hits target shares, ties joining the higher segment', () => {
    const result = suggestThresholds(scores, bought, { method: 'shares', high: 0.2, low: 0.3 });
    expect(result.segments).toEqual({ high: 40, low: 20 });
    expect(result.shares).toEqual({ high: 0.2, low: 0.3, disengaged: 0.5 });
    // 0.3 * 10 = 3.0000000000000004 in floats, still the 3rd score from the top (31), not the 4th.
    expect(
      suggestThresholds(scores, bought, { method: 'shares', high: 0.3, low: 0.4 }).segments,
    ).toEqual({ high: 31, low: 12 });
    const tied = suggestThresholds(
      [0, 0, 0, 0, 5, 5, 5, 9],
      [false, false, true, false, true, false, true, true],
      {
        method: 'shares',
        high: 0.25,
        low: 0.25,
      },
    );
    // Positions 2 and 4 from the top are 5 and 5: high = 5 (4 scores of 8 >= 5), low must be
    // lower, so the next observed score, 0.
    expect(tied.segments).toEqual({ high: 5, low: 0 });
    expect(tied.shares).toEqual({ high: 0.5, low: 0.5, disengaged: 0 });
  });

  it('returns a suggestion only: the caller applies it to a model if convinced', () => {
    const result = suggestThresholds(scores, bought, { method: 'youden' });
    expect(Object.keys(result).sort()).toEqual([
      'auc',
      'cuts',
      'lift',
      'method',
      'segments',
      'shares',
    ]);
    expect(result.segments.high).toBeGreaterThan(result.segments.low);
  });

  it.each([
    [
      'an unknown method',
      { method: 'median' },
      'INVALID_OPTION',
      ['options', 'method'],
      'options.method',
    ],
    [
      'a share of 1',
      { method: 'shares', high: 1, low: 0.1 },
      'INVALID_OPTION',
      ['options', 'high'],
      'options.high',
    ],
    [
      'shares adding up past 1',
      { method: 'shares', high: 0.6, low: 0.5 },
      'INVALID_OPTION',
      ['options', 'low'],
      'options.low',
    ],
    [
      'a missing share',
      { method: 'shares', high: 0.2 },
      'INVALID_OPTION',
      ['options', 'low'],
      'options.low',
    ],
  ])('rejects %s with INVALID_OPTION naming the option', (_name, options, code, path, field) => {
    expect(() => suggestThresholds(scores, bought, options as never)).toThrowError(
      expect.objectContaining({
        code,
        path,
        message: expect.stringMatching(new RegExp(`^suggestThresholds: .*${field}`)),
      }),
    );
  });

  it('rejects bad pairs and data that cannot give two thresholds, naming the field', () => {
    const cases: [number[], boolean[], object, string, (string | number)[], string][] = [
      [
        [1, Number.POSITIVE_INFINITY],
        [true, false],
        { method: 'youden' },
        'INVALID_OPTION',
        ['predictor', 1],
        'predictor\\[1\\]',
      ],
      [[1, 2], [true, true], { method: 'youden' }, 'EMPTY_INPUT', ['outcome'], 'outcome'],
      // Perfect split: nothing below high has the outcome, so low cannot be learnt by Youden.
      [
        [1, 2, 3, 4],
        [false, false, true, true],
        { method: 'youden' },
        'EMPTY_INPUT',
        ['options', 'method'],
        'options.method',
      ],
      [
        [3, 3, 3],
        [true, false, true],
        { method: 'shares', high: 0.3, low: 0.3 },
        'EMPTY_INPUT',
        ['options', 'high'],
        'options.high',
      ],
    ];
    for (const [predictor, outcome, options, code, path, field] of cases) {
      expect(() => suggestThresholds(predictor, outcome, options as never)).toThrowError(
        expect.objectContaining({
          code,
          path,
          message: expect.stringMatching(new RegExp(`^suggestThresholds: .*${field}`)),
        }),
      );
    }
  });
});

describe('suggestThresholds at the edges (hostile input)', () => {
  it('rejects null options at options, and reports every bad share at once', () => {
    const caught = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error as EngagekitError;
      }
      throw new Error('expected a throw');
    };
    const none = caught(() => suggestThresholds(scores, bought, null as never));
    expect(none).toBeInstanceOf(EngagekitError);
    expect(none.path).toEqual(['options']);
    const shares = caught(() =>
      suggestThresholds(scores, bought, { method: 'shares', high: 0, low: 1.5 }),
    );
    expect(shares.issues.map((issue) => issue.path)).toEqual([
      ['options', 'high'],
      ['options', 'low'],
    ]);
    const extra = caught(() =>
      suggestThresholds(scores, bought, { method: 'youden', high: 0.2 } as never),
    );
    expect(extra.path).toEqual(['options']);
    expect(extra.message).toMatch(/unknown field "high"/);
  });
});
