import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nps } from './nps.js';
import { npsCrossTab } from './npsCrossTab.js';

const customers = fc.uniqueArray(
  fc.record({
    customerId: fc.string({ minLength: 1, maxLength: 6 }),
    segment: fc.constantFrom('high', 'low', 'disengaged', 'custom'),
    response: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  }),
  { selector: (customer) => customer.customerId, maxLength: 80 },
);

function split(list: { customerId: string; segment: string; response: number | undefined }[]) {
  return {
    segments: list.map(({ customerId, segment }) => ({ customerId, segment })),
    responses: list.flatMap(({ customerId, response }) =>
      response === undefined ? [] : [{ customerId, response }],
    ),
  };
}

describe('npsCrossTab properties', () => {
  it('rows add up to the total, and the total NPS is the NPS of all answers', () => {
    fc.assert(
      fc.property(customers, (list) => {
        const { segments, responses } = split(list);
        const table = npsCrossTab(segments, responses);
        for (const field of [
          'customers',
          'respondents',
          'promoters',
          'passives',
          'detractors',
        ] as const) {
          expect(table.rows.reduce((sum, row) => sum + row[field], 0)).toBe(table.total[field]);
        }
        for (const row of table.rows) {
          expect(row.promoters + row.passives + row.detractors).toBe(row.respondents);
          if (row.nps !== null) {
            expect(row.nps).toBeGreaterThanOrEqual(-100);
            expect(row.nps).toBeLessThanOrEqual(100);
          }
        }
        if (responses.length > 0) {
          expect(table.total.nps).toBeCloseTo(nps(responses.map((r) => r.response)).score, 9);
        }
      }),
    );
  });

  it('permuting customers and responses changes nothing', () => {
    fc.assert(
      fc.property(customers, (list) => {
        const { segments, responses } = split(list);
        const table = npsCrossTab(segments, responses);
        expect(npsCrossTab([...segments].reverse(), [...responses].reverse())).toStrictEqual(table);
      }),
    );
  });

  it('every advocate and at-risk fan is a promoter of the right segment', () => {
    fc.assert(
      fc.property(customers, (list) => {
        const { segments, responses } = split(list);
        const table = npsCrossTab(segments, responses);
        const byId = new Map(list.map((customer) => [customer.customerId, customer]));
        for (const id of table.advocates) {
          expect(byId.get(id)?.segment).toBe('high');
          expect(byId.get(id)?.response).toBeGreaterThanOrEqual(9);
        }
        for (const id of table.atRiskFans) {
          expect(['low', 'disengaged']).toContain(byId.get(id)?.segment);
          expect(byId.get(id)?.response).toBeGreaterThanOrEqual(9);
        }
        const promoters = list.filter((c) => c.response !== undefined && c.response >= 9);
        expect(table.advocates.length + table.atRiskFans.length).toBe(
          promoters.filter((c) => c.segment !== 'custom').length,
        );
      }),
    );
  });
});
