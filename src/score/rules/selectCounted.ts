import { CAP_DAY, CAP_WINDOW, type CompiledRules } from '../../model/_lib/compileRules.js';
import { dayReader } from '../../time/zone.js';
import type { RuleColumns } from './canonicalOrder.js';

/** Day readers by time zone, built once per zone. */
export type DayReaders = Map<string, (millis: number) => number>;

/**
 * Decides which events the frequency caps let count, over `order[start..end)` (one customer's
 * events in canonical order): `counted[k]` is set to 1 or 0 for each position `k` of that range.
 *
 * @remarks
 * Per day: the first `count` events of a behaviour on each calendar day (in the cap's zone) count.
 * Rolling window: an event counts iff fewer than `count` events of its behaviour (counted or not)
 * come before it in canonical order with `at` in `(event.at - window, event.at]`. Both depend only
 * on earlier events, so which events count never changes with the instant scored at.
 */
export function selectCounted(
  rules: CompiledRules,
  columns: RuleColumns,
  order: Int32Array,
  start: number,
  end: number,
  counted: Uint8Array,
  days: DayReaders,
): void {
  const { behaviour, at } = columns;
  let k = start;
  while (k < end) {
    const b = behaviour[order[k]!]!;
    let runEnd = k + 1;
    while (runEnd < end && behaviour[order[runEnd]!] === b) runEnd++;
    const kind = rules.capKind[b]!;
    const limit = rules.capCount[b]!;
    if (kind === CAP_DAY) {
      const zone = rules.capZone[b]!;
      let read = days.get(zone);
      if (read === undefined) {
        read = dayReader(zone);
        days.set(zone, read);
      }
      let day = Number.NaN;
      let seen = 0;
      for (let j = k; j < runEnd; j++) {
        const today = read(at[order[j]!]!);
        if (today !== day) {
          day = today;
          seen = 0;
        }
        counted[j] = seen < limit ? 1 : 0;
        seen++;
      }
    } else if (kind === CAP_WINDOW) {
      const window = rules.capWindow[b]!;
      let low = k;
      for (let j = k; j < runEnd; j++) {
        const time = at[order[j]!]!;
        while (at[order[low]!]! <= time - window) low++;
        counted[j] = j - low < limit ? 1 : 0;
      }
    } else {
      counted.fill(1, k, runEnd);
    }
    k = runEnd;
  }
}
