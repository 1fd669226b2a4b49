import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { compareRates } from './compareRates.js';
import { engagementRate } from './engagementRate.js';
import { openRate } from './openRate.js';

function caught(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

const HOUR = 3_600_000;
const MONDAY = Date.UTC(2026, 9, 5); // 2026-10-05, a Monday

/** `delivered` recipients of a campaign sent at `at`, the first `opened` of whom open it. */
function campaign(name: string, at: number, delivered: number, opened: number) {
  return Array.from({ length: delivered }, (_, i) => [
    { customerId: `c${i}`, behaviour: 'emailDelivered', at, campaign: name },
    ...(i < opened
      ? [
          { customerId: `c${i}`, behaviour: 'emailOpen', at: at + HOUR, campaign: name },
          { customerId: `c${i}`, behaviour: 'emailOpen', at: at + 2 * HOUR, campaign: name },
        ]
      : []),
  ]).flat();
}

describe('openRate', () => {
  it('is unique opens over delivered recipients, with the Wilson interval of those counts', () => {
    const events = campaign('oct', MONDAY, 380, 42);
    const result = openRate(events);
    expect(result).toEqual({ ...engagementRate(42, 380), unmatched: 0, groups: [] });
  });

  it('counts a recipient per campaign: the same customer in two campaigns is two recipients', () => {
    const events = [
      ...campaign('a', MONDAY, 10, 4),
      ...campaign('b', MONDAY + 7 * 24 * HOUR, 10, 1),
    ];
    const result = openRate(events, { by: 'campaign', compareWith: 'previous' });
    expect([result.successes, result.trials]).toEqual([5, 20]);
    expect(result.groups.map((group) => [group.group, group.successes, group.trials])).toEqual([
      ['a', 4, 10],
      ['b', 1, 10],
    ]);
    expect(result.groups[1]?.comparison).toEqual(
      compareRates(engagementRate(4, 10), engagementRate(1, 10)),
    );
  });

  it('counts a click as an (inferred) open unless told not to', () => {
    const events = [
      ...campaign('a', MONDAY, 4, 1),
      { customerId: 'c3', behaviour: 'emailClick', at: MONDAY + HOUR, campaign: 'a' },
    ];
    expect(openRate(events).successes).toBe(2);
    expect(openRate(events, { clickImpliesOpen: false }).successes).toBe(1);
  });

  it('counts opens with no delivery in the events as unmatched, in neither count', () => {
    const events = [
      ...campaign('a', MONDAY, 4, 2),
      { customerId: 'c9', behaviour: 'emailOpen', at: MONDAY, campaign: 'a' },
      { customerId: 'c0', behaviour: 'emailOpen', at: MONDAY, campaign: 'z' },
    ];
    expect(openRate(events)).toMatchObject({ successes: 2, trials: 4, unmatched: 2 });
  });

  it('groups recipients by the calendar week of their delivery, in a time zone', () => {
    // Sunday 23:30 in New York is Monday 04:30 UTC: a different week in UTC than in New York.
    const sundayNight = Date.parse('2026-10-12T03:30:00Z');
    const events = [
      { customerId: 'a', behaviour: 'emailDelivered', at: MONDAY + 12 * HOUR },
      { customerId: 'a', behaviour: 'emailOpen', at: MONDAY + 13 * HOUR },
      { customerId: 'b', behaviour: 'emailDelivered', at: sundayNight, campaign: 2 },
    ];
    const utc = openRate(events, { by: 'week' });
    expect(utc.groups.map((group) => [group.group, group.rate])).toEqual([
      ['2026-10-05', 1],
      ['2026-10-12', 0],
    ]);
    const newYork = openRate(events, { by: 'week', timeZone: 'America/New_York' });
    expect(newYork.groups.map((group) => [group.group, group.trials])).toEqual([['2026-10-05', 2]]);
  });

  it('takes ids as strings, numbers or bigints, and Dates as instants; other behaviours are not read', () => {
    const events = [
      { customerId: 7, behaviour: 'emailDelivered', at: new Date(MONDAY), campaign: 1n },
      { customerId: 7n, behaviour: 'emailOpen', at: MONDAY + HOUR, campaign: 1 },
      { customerId: '7', behaviour: 'emailOpen', at: MONDAY + HOUR, campaign: 1 },
      { customerId: null, behaviour: 'purchase', at: 'yesterday' },
    ];
    expect(openRate(events as never)).toMatchObject({ successes: 1, trials: 1, unmatched: 0 });
  });

  it('reads the behaviour names it is given', () => {
    const events = [
      { customerId: 'a', behaviour: 'sent', at: 0 },
      { customerId: 'a', behaviour: 'read', at: 1 },
    ];
    expect(openRate(events, { behaviours: { delivered: 'sent', opened: 'read' } }).rate).toBe(1);
    const none = caught(() => openRate(events));
    expect(none.code).toBe('EMPTY_INPUT');
    expect(none.message).toBe(
      "openRate: no delivery ('emailDelivered') in the events, so the rate has no denominator; check the behaviour names in the options",
    );
  });

  it('reports every bad event it reads, with its index', () => {
    const error = caught(() =>
      openRate([
        { customerId: '', behaviour: 'emailDelivered', at: 0 },
        { customerId: 'a', behaviour: 'emailOpen', at: Number.NaN },
        { customerId: 'b', behaviour: 3, at: 0 },
        { customerId: 'c', behaviour: 'emailDelivered', at: 0, campaign: {} },
        7,
      ] as never),
    );
    expect(error.code).toBe('INVALID_EVENT');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['events', 0, 'customerId'],
      ['events', 1, 'at'],
      ['events', 2, 'behaviour'],
      ['events', 3, 'campaign'],
      ['events', 4],
    ]);
    expect(error.message).toMatch(/^openRate: events\[0\]\.customerId must be an id/);
  });

  it('reports every bad option, each named', () => {
    const error = caught(() =>
      openRate([], {
        behaviours: { delivered: '', sent: 'x' } as never,
        by: 'year' as never,
        timeZone: 'Mars/Olympus',
        clickImpliesOpen: 'yes' as never,
      }),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['options', 'by'],
      ['options', 'timeZone'],
      ['options', 'behaviours', 'sent'],
      ['options', 'behaviours', 'delivered'],
      ['options', 'clickImpliesOpen'],
    ]);
    expect(error.message).toContain('options.timeZone must be an IANA time zone');
    expect(error.message).toContain("options.by must be 'campaign' or 'day' or 'week' or 'month'");
  });
});
