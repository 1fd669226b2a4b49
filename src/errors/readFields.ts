import type { EngagekitErrorPath } from './EngagekitError.js';
import { describeValue } from './formatPath.js';
import type { IssueList } from './issueList.js';

/** How {@link readFields} reads an object argument. */
export interface FieldsRule<Key extends string> {
  /** The fields the object may have; any other is a problem unless `strict` is `false`. */
  readonly known: readonly Key[];
  /** The fields it must have (a missing one is reported by the reader of its value). */
  readonly required?: readonly Key[];
  /** Whether a field not in `known` is a problem (a misspelt option); default `true`. */
  readonly strict?: boolean;
  /** Whether the whole object may be left out (`undefined`: every field absent); default `false`. */
  readonly optional?: boolean;
}

/** The shape of an object for a message: `{ days, asOf, mode?, timeZone? }`. */
function shape(rule: FieldsRule<string>): string {
  const required = new Set(rule.required ?? []);
  const fields = [
    ...rule.known.filter((key) => required.has(key)),
    ...rule.known.filter((key) => !required.has(key)).map((key) => `${key}?`),
  ];
  return `{ ${fields.join(', ')} }`;
}

/**
 * The known fields of an object argument (own properties only, so nothing comes from a
 * prototype), recording on `issues` a value that is not a plain object (`null`, an array, a
 * number) and, unless `strict` is `false`, the fields it does not know (one issue at the object's
 * path naming them all), so that a misspelt option is never silently ignored. Returns `undefined` when the object itself is unusable (or
 * left out though `optional`); then no field is read.
 */
export function readFields<Key extends string>(
  issues: IssueList,
  path: EngagekitErrorPath,
  input: unknown,
  rule: FieldsRule<Key>,
): Partial<Record<Key, unknown>> | undefined {
  if (input === undefined && rule.optional === true) return {};
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    issues.add(
      path,
      input === undefined
        ? `is required: an object ${shape(rule)}`
        : `must be an object ${shape(rule)}, got ${describeValue(input)}`,
    );
    return undefined;
  }
  const known = new Set<string>(rule.known);
  if (rule.strict !== false) {
    const unknown = Object.keys(input).filter((key) => !known.has(key));
    if (unknown.length > 0) {
      issues.add(
        path,
        `has unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => JSON.stringify(key)).join(', ')}; check the spelling (the fields are ${rule.known.join(', ')})`,
      );
    }
  }
  const fields: Partial<Record<Key, unknown>> = {};
  for (const key of rule.known) {
    if (Object.hasOwn(input, key)) fields[key] = (input as Record<string, unknown>)[key];
  }
  return fields;
}
