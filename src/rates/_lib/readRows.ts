import type { EngagekitErrorPath } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import { addIssue, type Issues } from './issues.js';
import { readName, readOptionsObject } from './readOptions.js';

/**
 * The field names of rows as a driver returns them: `options.fields` over the defaults; every
 * name a non-empty string, every key one of the defaults'.
 */
export function readFieldNames<Key extends string>(
  value: unknown,
  defaults: Readonly<Record<Key, string>>,
  issues: Issues,
): Record<Key, string> {
  const path: EngagekitErrorPath = ['options', 'fields'];
  const keys = Object.keys(defaults) as Key[];
  const given = readOptionsObject(value, issues, keys, path);
  const names: Record<Key, string> = { ...defaults };
  for (const key of keys) names[key] = readName(given[key], defaults[key], issues, [...path, key]);
  return names;
}

/** The rows as an array of objects; records a problem and returns `[]` when they are not. */
export function readRowArray(rows: unknown, issues: Issues, what: string): readonly unknown[] {
  if (Array.isArray(rows)) return rows;
  addIssue(
    issues,
    ['rows'],
    `must be an array of ${what} (one object per row, as a database driver returns them), got ${describeValue(rows)}`,
  );
  return [];
}

/** Row `index` as a record, or records a problem and returns `undefined`. */
export function rowAt(
  row: unknown,
  index: number,
  issues: Issues,
): Readonly<Record<string, unknown>> | undefined {
  if (row !== null && typeof row === 'object' && !Array.isArray(row)) {
    return row as Readonly<Record<string, unknown>>;
  }
  addIssue(issues, ['rows', index], `must be an object, got ${describeValue(row)}`);
  return undefined;
}

/** A field of a row that must be there; records a problem naming the option to set when missing. */
export function requiredField(
  row: Readonly<Record<string, unknown>>,
  name: string,
  option: string,
  index: number,
  issues: Issues,
): unknown {
  const value = row[name];
  if (value === undefined) {
    addIssue(
      issues,
      ['rows', index, name],
      `is missing; name the column with options.fields.${option}`,
    );
  }
  return value;
}
