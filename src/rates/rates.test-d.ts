import { describe, expectTypeOf, it } from 'vitest';
import type { ActivityRow } from '../activity/ActivityRow.js';
import type { EngagementEvent } from '../score/EngagementEvent.js';
import { engagementRate } from './engagementRate.js';
import { engagementRates } from './engagementRates.js';
import { openRate } from './openRate.js';
import type { RateGroupKey } from './RateResult.js';
import { repeatPurchaseRate } from './repeatPurchaseRate.js';
import { timeBetweenVisits } from './timeBetweenVisits.js';
import { visitFrequency } from './visitFrequency.js';

describe('rate types', () => {
  it("take the library's own events and activity rows as they are typed", () => {
    const events: EngagementEvent[] = [];
    const activity: ActivityRow[] = [];
    expectTypeOf(openRate(events).groups[0]?.group).toEqualTypeOf<RateGroupKey | undefined>();
    expectTypeOf(repeatPurchaseRate(events).rate).toEqualTypeOf<number>();
    expectTypeOf(visitFrequency(activity).median).toEqualTypeOf<number>();
    expectTypeOf(timeBetweenVisits(activity).quantiles[0]?.value).toEqualTypeOf<
      number | undefined
    >();
  });

  it('take counts as SQL drivers return them, and nothing else', () => {
    expectTypeOf(engagementRate('42', 380n).rate).toEqualTypeOf<number>();
    // @ts-expect-error a boolean is not a count
    engagementRate(true, 10);
    const rows: Record<string, unknown>[] = [];
    expectTypeOf(engagementRates(rows)[0]?.rate).toEqualTypeOf<number | null | undefined>();
    // @ts-expect-error compareWith is 'previous' or 'first'
    engagementRates(rows, { compareWith: 'last' });
  });
});
