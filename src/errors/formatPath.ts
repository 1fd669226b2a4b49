import type { EngagekitErrorPath } from './EngagekitError.js';

/** Renders a path the way a person reads it: `events[3].at`, `behaviours.purchase.boost`. */
export function formatPath(path: EngagekitErrorPath): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text;
}

/** Shows a received value briefly in a message: numbers, short strings, kinds of objects. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') {
    return value.length > 40 ? `"${value.slice(0, 37)}..."` : JSON.stringify(value);
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'an Invalid Date' : value.toISOString();
  }
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : String(value);
}
