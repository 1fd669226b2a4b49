/**
 * Finds a field by any of its accepted names (`customer_id`, `customerId`, ...); an empty or
 * blank cell counts as missing.
 */
export function field(
  fields: Readonly<Record<string, unknown>>,
  names: readonly string[],
): unknown {
  for (const name of names) {
    // Own fields only: `--column constructor` must not read Object.prototype.
    const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (value !== undefined && !(typeof value === 'string' && value.trim() === '')) return value;
  }
  return undefined;
}

/**
 * Plain decimal notation, with an optional sign, fraction and exponent (`12`, `-0.5`, `1e3`, as
 * JSON and SQL write numbers); `0x0A`, `0b1010`, `0o12`, `Infinity` and `1_000` are not numbers.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A finite number from a CSV cell or a JSON value, in decimal notation only; a blank string is not
 * a number (not 0).
 */
export function numberFrom(value: unknown): number | undefined {
  let number = Number.NaN;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    if (DECIMAL.test(text)) number = Number(text);
  }
  return Number.isFinite(number) ? number : undefined;
}

export const CUSTOMER_FIELDS = [
  'customer_id',
  'customerId',
  'customer',
  'user_id',
  'userId',
] as const;
export const BEHAVIOUR_FIELDS = ['behaviour', 'behavior'] as const;
export const AT_FIELDS = ['occurred_at', 'at', 'timestamp', 'time'] as const;
