import { MAX_INSTANT } from '../../time/instant.js';
import {
  dayReader,
  formatDay,
  periodIndex,
  periodStart,
  readTimeZone,
  readWeekStartsOn,
} from '../../time/zone.js';
import type { RateGroupKey } from '../RateResult.js';
import { addError, addIssue, type Issues } from './issues.js';
import type { GroupTotals } from './rateGroups.js';
import { readAt, readId, readRecord } from './readEventParts.js';

/** How events become units that try and succeed. */
export interface UnitRule {
  /** Behaviours that make a unit a trial; `undefined`: any event of the customer does. */
  readonly trial: ReadonlySet<string> | undefined;
  /** Behaviours that count towards a unit's success. */
  readonly success: ReadonlySet<string>;
  /** Success events a unit needs to be a success: 1, or 2 for a repeat purchase. */
  readonly needed: number;
  /** Whether a unit is a recipient of one campaign (`true`) or a customer (`false`). */
  readonly perCampaign: boolean;
}

/** How units are grouped: by campaign, or by the calendar period of the unit's first trial. */
export type UnitGrouping = 'campaign' | 'day' | 'week' | 'month';

/** What {@link countUnits} finds. */
export interface UnitCounts {
  readonly trials: number;
  readonly successes: number;
  /** Units with a success event but no trial: in neither count. */
  readonly unmatched: number;
  /** Per group, in order (campaigns by first trial, periods in time); empty without grouping. */
  readonly groups: readonly GroupTotals[];
}

/** Reads the calendar of a grouping by period; records problems instead of throwing. */
export function readCalendar(
  options: Readonly<Record<string, unknown>>,
  issues: Issues,
): { timeZone: string; weekStartsOn: number } {
  let timeZone = 'UTC';
  let weekStartsOn = 1;
  try {
    timeZone = readTimeZone(options.timeZone, issues.fn, ['options', 'timeZone']);
  } catch (error) {
    addError(issues, error);
  }
  try {
    weekStartsOn = readWeekStartsOn(options.weekStartsOn, issues.fn, ['options', 'weekStartsOn']);
  } catch (error) {
    addError(issues, error);
  }
  return { timeZone, weekStartsOn };
}

/** Growable per-unit columns: the first trial instant and the success count of each unit. */
interface UnitColumns {
  count: number;
  firstTrial: Float64Array;
  successes: Uint32Array;
  /** The index of the unit's campaign in the campaign list. */
  campaign: Uint32Array;
}

function addUnit(units: UnitColumns, campaign: number): number {
  if (units.count === units.firstTrial.length) {
    const size = units.count * 2;
    const firstTrial = new Float64Array(size);
    firstTrial.set(units.firstTrial);
    const successes = new Uint32Array(size);
    successes.set(units.successes);
    const campaigns = new Uint32Array(size);
    campaigns.set(units.campaign);
    units.firstTrial = firstTrial;
    units.successes = successes;
    units.campaign = campaigns;
  }
  const unit = units.count++;
  units.firstTrial[unit] = Number.POSITIVE_INFINITY;
  units.campaign[unit] = campaign;
  return unit;
}

/**
 * Counts trials and successes over units (a customer, or a customer in one campaign): a unit is
 * a trial once it has a trial event, a success when it is a trial and has `needed` success events.
 * Events of other behaviours are not read. Records every problem of the events it reads. One pass,
 * no allocation per event: units are indices into typed columns, found through one map of
 * customers per campaign.
 */
export function countUnits(
  events: unknown,
  rule: UnitRule,
  grouping: UnitGrouping | undefined,
  calendar: { timeZone: string; weekStartsOn: number },
  issues: Issues,
): UnitCounts {
  if (!Array.isArray(events)) {
    addIssue(issues, ['events'], 'must be an array of events { customerId, behaviour, at }');
    return { trials: 0, successes: 0, unmatched: 0, groups: [] };
  }
  const units: UnitColumns = {
    count: 0,
    firstTrial: new Float64Array(1024),
    successes: new Uint32Array(1024),
    campaign: new Uint32Array(1024),
  };
  // Campaigns: keys as reported, and one map of customer id to unit per campaign. String
  // campaigns and numeric ones (numbers, bigints) are apart: 7 and '7' are two campaigns.
  const campaignKeys: RateGroupKey[] = [null];
  const customersOf: Map<string, number>[] = [new Map()];
  const textCampaigns = new Map<string, number>();
  const numericCampaigns = new Map<string, number>();
  const { trial, success, perCampaign } = rule;
  for (let index = 0; index < events.length; index++) {
    const event: unknown = events[index];
    if (event === null || typeof event !== 'object') {
      readRecord(event, issues, ['events', index], 'an event { customerId, behaviour, at }');
      continue;
    }
    const { behaviour, customerId, at: when, campaign } = event as Record<string, unknown>;
    if (typeof behaviour !== 'string') {
      addIssue(issues, ['events', index, 'behaviour'], "must be a string such as 'emailOpen'");
      continue;
    }
    const isTrial = trial === undefined || trial.has(behaviour);
    const isSuccess = success.has(behaviour);
    if (!isTrial && !isSuccess) continue;
    const customer =
      typeof customerId === 'string' && customerId !== ''
        ? customerId
        : readId(customerId, issues, ['events', index, 'customerId']);
    const at =
      typeof when === 'number' && when >= -MAX_INSTANT && when <= MAX_INSTANT
        ? when
        : readAt(when, issues, ['events', index, 'at']);
    let c = 0;
    if (perCampaign && campaign !== undefined && campaign !== null) {
      const text = typeof campaign === 'string';
      const id =
        text && campaign !== ''
          ? campaign
          : readId(campaign, issues, ['events', index, 'campaign']);
      if (id === undefined) continue;
      const campaigns = text ? textCampaigns : numericCampaigns;
      let found = campaigns.get(id);
      if (found === undefined) {
        found = customersOf.length;
        campaigns.set(id, found);
        campaignKeys.push(typeof campaign === 'number' ? campaign : id);
        customersOf.push(new Map());
      }
      c = found;
    }
    if (customer === undefined || at === undefined) continue;
    const customers = customersOf[c]!;
    let unit = customers.get(customer);
    if (unit === undefined) {
      unit = addUnit(units, c);
      customers.set(customer, unit);
    }
    if (isTrial && at < units.firstTrial[unit]!) units.firstTrial[unit] = at;
    if (isSuccess) units.successes[unit]!++;
  }
  let trials = 0;
  let successes = 0;
  let unmatched = 0;
  // Per group: trials, successes and the earliest first trial (campaigns) or the period index.
  const byGroup = new Map<
    string,
    { key: RateGroupKey; first: number; trials: number; successes: number }
  >();
  const period = grouping === undefined || grouping === 'campaign' ? undefined : grouping;
  const dayOf = period === undefined ? undefined : dayReader(calendar.timeZone);
  for (let unit = 0; unit < units.count; unit++) {
    const firstTrial = units.firstTrial[unit]!;
    if (firstTrial === Number.POSITIVE_INFINITY) {
      if (units.successes[unit]! > 0) unmatched++;
      continue;
    }
    const hit = units.successes[unit]! >= rule.needed ? 1 : 0;
    trials++;
    successes += hit;
    if (grouping === undefined) continue;
    let id: string;
    let key: RateGroupKey;
    let first = firstTrial;
    if (period === undefined || dayOf === undefined) {
      const c = units.campaign[unit]!;
      key = campaignKeys[c]!;
      id = String(c);
    } else {
      const index = periodIndex(dayOf(firstTrial), period, calendar.weekStartsOn);
      id = String(index);
      key = id;
      first = index;
    }
    const group = byGroup.get(id);
    if (group === undefined) byGroup.set(id, { key, first, trials: 1, successes: hit });
    else {
      group.trials++;
      group.successes += hit;
      if (first < group.first) group.first = first;
    }
  }
  const groups = [...byGroup.values()]
    .sort(
      (a, b) =>
        a.first - b.first ||
        (String(a.key) < String(b.key) ? -1 : String(a.key) > String(b.key) ? 1 : 0),
    )
    .map((group) => ({
      key:
        period === undefined
          ? group.key
          : formatDay(periodStart(group.first, period, calendar.weekStartsOn)),
      successes: group.successes,
      trials: group.trials,
      effectiveTrials: group.trials,
    }));
  return { trials, successes, unmatched, groups };
}
