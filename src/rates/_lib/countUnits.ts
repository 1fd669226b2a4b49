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

interface Unit {
  /** The first trial instant; +Infinity while the unit has none. */
  firstTrial: number;
  successes: number;
  readonly campaign: RateGroupKey;
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

/**
 * Counts trials and successes over units (a customer, or a customer in one campaign): a unit is
 * a trial once it has a trial event, a success when it is a trial and has `needed` success events.
 * Events of other behaviours are not read. Records every problem of the events it reads.
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
  const units = new Map<string, Unit>();
  for (let index = 0; index < events.length; index++) {
    const event = readRecord(
      events[index],
      issues,
      ['events', index],
      'an event { customerId, behaviour, at }',
    );
    if (event === undefined) continue;
    const behaviour = event.behaviour;
    if (typeof behaviour !== 'string') {
      addIssue(issues, ['events', index, 'behaviour'], "must be a string such as 'emailOpen'");
      continue;
    }
    const isTrial = rule.trial === undefined || rule.trial.has(behaviour);
    const isSuccess = rule.success.has(behaviour);
    if (!isTrial && !isSuccess) continue;
    const customer = readId(event.customerId, issues, ['events', index, 'customerId']);
    const at = readAt(event.at, issues, ['events', index, 'at']);
    let campaign: RateGroupKey = null;
    let campaignId = '';
    if (rule.perCampaign && event.campaign !== undefined && event.campaign !== null) {
      const id = readId(event.campaign, issues, ['events', index, 'campaign']);
      if (id === undefined) continue;
      campaign = typeof event.campaign === 'number' ? event.campaign : id;
      campaignId = `${typeof event.campaign === 'string' ? 's' : 'n'}${id}`;
    }
    if (customer === undefined || at === undefined) continue;
    const key = rule.perCampaign ? `${campaignId}\u0000${customer}` : customer;
    let unit = units.get(key);
    if (unit === undefined) {
      unit = { firstTrial: Number.POSITIVE_INFINITY, successes: 0, campaign };
      units.set(key, unit);
    }
    if (isTrial && at < unit.firstTrial) unit.firstTrial = at;
    if (isSuccess) unit.successes++;
  }
  let trials = 0;
  let successes = 0;
  let unmatched = 0;
  const byGroup = new Map<
    string,
    { key: RateGroupKey; first: number; trials: number; successes: number }
  >();
  const dayOf =
    grouping === undefined || grouping === 'campaign' ? undefined : dayReader(calendar.timeZone);
  for (const unit of units.values()) {
    if (unit.firstTrial === Number.POSITIVE_INFINITY) {
      if (unit.successes > 0) unmatched++;
      continue;
    }
    const success = unit.successes >= rule.needed ? 1 : 0;
    trials++;
    successes += success;
    if (grouping === undefined) continue;
    let id: string;
    let key: RateGroupKey;
    let first = unit.firstTrial;
    if (dayOf === undefined) {
      key = unit.campaign;
      id = key === null ? 'null' : `${typeof key === 'number' ? 'n' : 's'}${key}`;
    } else {
      const period = periodIndex(
        dayOf(unit.firstTrial),
        grouping as 'day' | 'week' | 'month',
        calendar.weekStartsOn,
      );
      key = formatDay(
        periodStart(period, grouping as 'day' | 'week' | 'month', calendar.weekStartsOn),
      );
      id = key;
      first = period;
    }
    const group = byGroup.get(id);
    if (group === undefined) byGroup.set(id, { key, first, trials: 1, successes: success });
    else {
      group.trials++;
      group.successes += success;
      if (first < group.first) group.first = first;
    }
  }
  const groups = [...byGroup.entries()]
    .sort(([idA, a], [idB, b]) => a.first - b.first || (idA < idB ? -1 : idA > idB ? 1 : 0))
    .map(([, group]) => ({
      key: group.key,
      successes: group.successes,
      trials: group.trials,
      effectiveTrials: group.trials,
    }));
  return { trials, successes, unmatched, groups };
}
