import { EngagekitError } from '../../errors/EngagekitError.js';
import type { EventRate, RateCompareWith, RateDifferenceMethod } from '../RateResult.js';
import { countUnits, readCalendar, type UnitGrouping, type UnitRule } from './countUnits.js';
import { type Issues, issuesOf, throwIssues } from './issues.js';
import { rateGroups } from './rateGroups.js';
import { rateOf } from './rateOf.js';
import { readChoice, readConfidence, readOptionsObject } from './readOptions.js';

/** The options every rate from events shares, read. */
export interface EventRateSettings {
  readonly issues: Issues;
  /** The options object, for the function's own fields. */
  readonly given: Readonly<Record<string, unknown>>;
  readonly by: UnitGrouping | undefined;
  readonly calendar: { timeZone: string; weekStartsOn: number };
  readonly confidence: number;
  readonly compareWith: RateCompareWith | undefined;
  readonly method: RateDifferenceMethod;
}

const COMMON = ['by', 'timeZone', 'weekStartsOn', 'confidence', 'compareWith', 'method'];

/** Reads the shared options (recording problems); `own` are the function's other option names. */
export function readEventRateOptions(
  fn: string,
  options: unknown,
  own: readonly string[],
  groupings: readonly UnitGrouping[],
): EventRateSettings {
  const issues = issuesOf(fn);
  const given = readOptionsObject(options, issues, [...own, ...COMMON]);
  return {
    issues,
    given,
    by:
      given.by === undefined
        ? undefined
        : readChoice(given.by, groupings, groupings[0]!, issues, ['options', 'by']),
    calendar: readCalendar(given, issues),
    confidence: readConfidence(given.confidence, issues, ['options', 'confidence']),
    compareWith:
      given.compareWith === undefined
        ? undefined
        : readChoice(given.compareWith, ['previous', 'first'] as const, 'previous', issues, [
            'options',
            'compareWith',
          ]),
    method: readChoice(given.method, ['newcombe', 'wald'] as const, 'newcombe', issues, [
      'options',
      'method',
    ]),
  };
}

/**
 * Throws the option problems, counts the units of the events by `rule`, throws the events'
 * problems, and returns the rate; `EMPTY_INPUT` naming `denominator` when no unit is a trial.
 */
export function eventRate(
  events: unknown,
  rule: UnitRule,
  settings: EventRateSettings,
  denominator: string,
): EventRate {
  const { issues } = settings;
  throwIssues(issues, 'INVALID_OPTION');
  const counts = countUnits(events, rule, settings.by, settings.calendar, issues);
  throwIssues(issues, 'INVALID_EVENT');
  if (counts.trials === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `${issues.fn}: no ${denominator} in the events, so the rate has no denominator; check the behaviour names in the options`,
      ['events'],
    );
  }
  return {
    ...rateOf(counts.successes, counts.trials, counts.trials, settings.confidence),
    unmatched: counts.unmatched,
    groups: rateGroups(counts.groups, settings.confidence, settings.compareWith, settings.method),
  };
}
