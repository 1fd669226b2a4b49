import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { npsCrossTab } from './npsCrossTab.js';

function caught(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

const segments = [
  { customerId: 'a', segment: 'high' },
  { customerId: 'b', segment: 'high' },
  { customerId: 'c', segment: 'high' },
  { customerId: 'd', segment: 'low' },
  { customerId: 'e', segment: 'low' },
  { customerId: 'f', segment: 'disengaged' },
  { customerId: 'g', segment: 'disengaged' },
];
const responses = [
  { customerId: 'a', response: 10 },
  { customerId: 'b', response: 9 },
  { customerId: 'c', response: 3 },
  { customerId: 'd', response: 9 },
  { customerId: 'e', response: 7 },
  { customerId: 'f', response: 10 },
  { customerId: 'zed', response: 0 },
];

describe('npsCrossTab', () => {
  it('counts segment x NPS category with per-segment NPS (hand computation)', () => {
    const table = npsCrossTab(segments, responses);
    expect(table.rows).toEqual([
      // high: promoters a, b; detractor c -> (2 - 1) / 3 = 33.3
      {
        segment: 'high',
        customers: 3,
        respondents: 3,
        promoters: 2,
        passives: 0,
        detractors: 1,
        nps: 100 / 3,
      },
      // low: promoter d, passive e -> 1 / 2 = 50
      {
        segment: 'low',
        customers: 2,
        respondents: 2,
        promoters: 1,
        passives: 1,
        detractors: 0,
        nps: 50,
      },
      // disengaged: promoter f; g did not answer -> 100
      {
        segment: 'disengaged',
        customers: 2,
        respondents: 1,
        promoters: 1,
        passives: 0,
        detractors: 0,
        nps: 100,
      },
    ]);
    // total: 4 promoters, 1 passive, 1 detractor of 6 -> 50; 'zed' has no segment
    expect(table.total).toEqual({
      customers: 7,
      respondents: 6,
      promoters: 4,
      passives: 1,
      detractors: 1,
      nps: 50,
    });
    expect(table.unsegmented).toBe(1);
  });

  it('names advocates (engaged promoters) and at-risk fans (promoters who are fading), sorted', () => {
    const table = npsCrossTab(segments, responses);
    expect(table.advocates).toEqual(['a', 'b']);
    expect(table.atRiskFans).toEqual(['d', 'f']);
  });

  it('gives null, not a fake 0, for a segment nobody in which answered', () => {
    const table = npsCrossTab([{ customerId: 'a', segment: 'high' }], []);
    expect(table.rows.map((row) => row.nps)).toEqual([null, null, null]);
    expect(table.rows[0]).toMatchObject({ segment: 'high', customers: 1, respondents: 0 });
    expect(table.total.nps).toBeNull();
  });

  it('accepts Maps and custom segment names, with custom advocate and at-risk segments', () => {
    const table = npsCrossTab(
      new Map([
        ['a', 'champion'],
        ['b', 'sleeping'],
        ['c', 'active'],
      ]),
      new Map([
        ['a', 10],
        ['b', 9],
        ['c', 5],
      ]),
      {
        segmentOrder: ['champion', 'active', 'sleeping'],
        advocateSegments: ['champion'],
        atRiskSegments: ['sleeping'],
      },
    );
    expect(table.rows.map((row) => [row.segment, row.nps])).toEqual([
      ['champion', 100],
      ['active', -100],
      ['sleeping', 100],
    ]);
    expect(table.advocates).toEqual(['a']);
    expect(table.atRiskFans).toEqual(['b']);
  });

  it('lists segments outside segmentOrder after it, sorted by name', () => {
    const table = npsCrossTab(
      [
        { customerId: 'a', segment: 'zeta' },
        { customerId: 'b', segment: 'alpha' },
        { customerId: 'c', segment: 'high' },
      ],
      [],
    );
    expect(table.rows.map((row) => row.segment)).toEqual([
      'high',
      'low',
      'disengaged',
      'alpha',
      'zeta',
    ]);
  });

  describe('bad input', () => {
    it('rejects an answer off the scale with INVALID_RESPONSE and its index', () => {
      const error = caught(() =>
        npsCrossTab(segments, [
          { customerId: 'a', response: 10 },
          { customerId: 'b', response: 11 },
        ]),
      );
      expect(error.code).toBe('INVALID_RESPONSE');
      expect(error.path).toEqual(['responses', 1, 'response']);
      expect(error.message).toContain('npsCrossTab: responses[1].response is 11');
    });

    it('rejects a bad answer in a Map with INVALID_RESPONSE and its customer id', () => {
      const error = caught(() => npsCrossTab(segments, new Map([['a', Number.NaN]])));
      expect(error.code).toBe('INVALID_RESPONSE');
      expect(error.path).toEqual(['responses', 'a']);
      expect(error.message).toContain('responses.a is NaN');
    });

    it('rejects a customer who answered twice with INVALID_RESPONSE', () => {
      const error = caught(() =>
        npsCrossTab(segments, [
          { customerId: 'a', response: 10 },
          { customerId: 'a', response: 2 },
        ]),
      );
      expect(error.code).toBe('INVALID_RESPONSE');
      expect(error.path).toEqual(['responses', 1, 'customerId']);
      expect(error.message).toContain('responses[1].customerId "a" answered twice');
    });

    it('rejects a response without a customer id with INVALID_RESPONSE', () => {
      const error = caught(() => npsCrossTab(segments, [{ response: 10 } as never]));
      expect(error.code).toBe('INVALID_RESPONSE');
      expect(error.path).toEqual(['responses', 0, 'customerId']);
      expect(error.message).toContain('responses[0].customerId must be a string');
    });

    it('rejects a customer in two segments, or a segment that is not a name, with INVALID_OPTION', () => {
      const twice = caught(() =>
        npsCrossTab(
          [
            { customerId: 'a', segment: 'high' },
            { customerId: 'a', segment: 'low' },
          ],
          [],
        ),
      );
      expect(twice.code).toBe('INVALID_OPTION');
      expect(twice.path).toEqual(['segments', 1, 'customerId']);
      expect(twice.message).toContain('segments[1].customerId "a" is listed twice');
      const unnamed = caught(() => npsCrossTab([{ customerId: 'a', segment: 3 } as never], []));
      expect(unnamed.code).toBe('INVALID_OPTION');
      expect(unnamed.path).toEqual(['segments', 0, 'segment']);
      expect(unnamed.message).toContain('segments[0].segment must be a segment name');
    });

    it('rejects a Map segment that is not a name with INVALID_OPTION and its customer id', () => {
      const error = caught(() => npsCrossTab(new Map([['a', 3 as never]]), []));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.path).toEqual(['segments', 'a']);
      expect(error.message).toContain('npsCrossTab: segments.get("a") must be a segment name');
    });

    it('rejects inputs that are neither arrays nor Maps', () => {
      expect(caught(() => npsCrossTab({} as never, [])).code).toBe('INVALID_OPTION');
      const error = caught(() => npsCrossTab([], 'x' as never));
      expect(error.code).toBe('INVALID_RESPONSE');
      expect(error.message).toContain('npsCrossTab: responses must be an array');
    });

    it('rejects bad options with INVALID_OPTION naming the field', () => {
      const error = caught(() => npsCrossTab([], [], { advocateSegments: 'high' as never }));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.path).toEqual(['options', 'advocateSegments']);
      expect(error.message).toContain('npsCrossTab: options.advocateSegments');
    });
  });
});

describe('npsCrossTab at the edges (hostile input)', () => {
  it('reports a hole of a sparse array as a missing entry, not a TypeError', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const segments = [, { customerId: 'a', segment: 'high' }] as never;
    const error = caught(() => npsCrossTab(segments, []));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['segments', 0]);
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const responses = [{ customerId: 'a', response: 9 }, ,] as never;
    const missing = caught(() =>
      npsCrossTab([], [...(responses as unknown[]), undefined] as never),
    );
    expect(missing.code).toBe('INVALID_RESPONSE');
    expect(missing.path).toEqual(['responses', 1]);
  });

  it('rejects null options with INVALID_OPTION at options', () => {
    expect(caught(() => npsCrossTab([], [], null as never)).path).toEqual(['options']);
  });

  it('reports every bad segment and every bad answer, each with its path', () => {
    const error = caught(() =>
      npsCrossTab(
        [
          { customerId: 'a', segment: 3 as never },
          { customerId: 7 as never, segment: 'high' },
        ],
        [],
        { segmentOrder: ['high', 4 as never] },
      ),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['options', 'segmentOrder', 1],
      ['segments', 0, 'segment'],
      ['segments', 1, 'customerId'],
    ]);
    const answers = caught(() =>
      npsCrossTab(
        [{ customerId: 'a', segment: 'high' }],
        [
          { customerId: 'a', response: 11 },
          { customerId: 'b', response: Number.NaN },
        ],
      ),
    );
    expect(answers.issues.map((issue) => issue.path)).toEqual([
      ['responses', 0, 'response'],
      ['responses', 1, 'response'],
    ]);
  });
});
