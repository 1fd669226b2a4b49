import { EngagekitError } from '../errors/EngagekitError.js';
import { describeValue } from '../errors/formatPath.js';
import { issueList } from '../errors/issueList.js';
import type { KaplanMeierRow } from './kaplanMeier.js';

/** R's tolerance for "survival is exactly one half", `sqrt(.Machine$double.eps)`. */
const TOLERANCE = 1.4901161193847656e-8;

/**
 * The median survival time of a Kaplan-Meier table: the first time survival falls to 0.5 or below.
 *
 * @remarks
 * When the curve is exactly 0.5 (within 1.5e-8) from an event time until the next event time, the
 * median is the midpoint of those two times, as R's `survfit` reports it (`print(fit)`,
 * `quantile(fit, 0.5)`). `null` when survival never reaches 0.5 (too much censoring or too short
 * an observation), rather than a made-up number.
 *
 * @param table - The rows of {@link kaplanMeier}, ascending in time.
 * @returns The median time, or `null` when the curve stays above one half.
 * @throws {@link EngagekitError} `INVALID_OPTION` when `table` is not an array of rows with finite
 * `time` and `survival` (every bad row listed in `error.issues`).
 *
 * @example
 * ```ts
 * import { kaplanMeier, medianSurvivalTime } from 'engagekit';
 *
 * medianSurvivalTime(kaplanMeier([2, 3, 3, 5, 5, 7], [true, true, false, true, false, true])); // => 5
 * medianSurvivalTime(kaplanMeier([1, 2, 3, 4], [true, true, true, true])); // => 2.5
 * medianSurvivalTime(kaplanMeier([1, 9, 9], [true, false, false])); // => null
 * ```
 * @category Survival
 */
export function medianSurvivalTime(
  table: readonly Pick<KaplanMeierRow, 'time' | 'survival'>[],
): number | null {
  if (!Array.isArray(table)) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `medianSurvivalTime: table must be the array kaplanMeier returns, got ${describeValue(table)}`,
      ['table'],
    );
  }
  const issues = issueList('medianSurvivalTime');
  for (let i = 0; i < table.length; i++) {
    const row: unknown = table[i];
    const { time, survival } = (row ?? {}) as { time?: unknown; survival?: unknown };
    if (
      row === null ||
      typeof row !== 'object' ||
      typeof time !== 'number' ||
      !Number.isFinite(time) ||
      typeof survival !== 'number' ||
      !Number.isFinite(survival)
    ) {
      issues.add(['table', i], 'must be a row { time, survival } of kaplanMeier');
    }
  }
  issues.throwIfAny('INVALID_OPTION');
  for (let i = 0; i < table.length; i++) {
    const row = table[i]!;
    if (row.survival <= 0.5 + TOLERANCE) {
      const next = table[i + 1];
      if (Math.abs(row.survival - 0.5) >= TOLERANCE || next === undefined) return row.time;
      // The midpoint; halves first where the sum of two huge times would overflow.
      const middle = (row.time + next.time) / 2;
      return Number.isFinite(middle) ? middle : row.time / 2 + next.time / 2;
    }
  }
  return null;
}
