import { describeValue } from '../../errors/formatPath.js';
import type { IssueList } from '../../errors/issueList.js';
import { readFlag, readMagnitude, readSize, readTimeRange } from './readArbitraryOptions.js';

const JAN_2026 = Date.UTC(2026, 0, 1);

/** The fields of `EventsArbitraryOptions`, for the readers of this and the stream. */
export const EVENTS_ARBITRARY_FIELDS = [
  'from',
  'to',
  'maxLength',
  'weights',
  'magnitude',
  'customers',
] as const;

/** The events options, read and checked: every problem recorded on `issues`. */
export function readEventsOptions(
  issues: IssueList,
  fields: Partial<Record<(typeof EVENTS_ARBITRARY_FIELDS)[number], unknown>>,
) {
  const range = readTimeRange(issues, ['options'], fields, JAN_2026, 365 * 86_400_000);
  const maxLength = readSize(issues, ['options', 'maxLength'], fields.maxLength, 40);
  const weights = readFlag(issues, ['options', 'weights'], fields.weights, true);
  const magnitude = readMagnitude(issues, ['options', 'magnitude'], fields.magnitude);
  let customers: readonly string[] = [];
  if (fields.customers !== undefined) {
    if (!Array.isArray(fields.customers)) {
      issues.add(
        ['options', 'customers'],
        `must be an array of customer ids (strings), got ${describeValue(fields.customers)}`,
      );
    } else {
      const ids: string[] = [];
      for (let i = 0; i < fields.customers.length; i++) {
        const id: unknown = fields.customers[i];
        if (typeof id === 'string') ids.push(id);
        else issues.add(['options', 'customers', i], `must be a string, got ${describeValue(id)}`);
      }
      customers = ids;
    }
  }
  return { range, maxLength, weights, magnitude, customers };
}
