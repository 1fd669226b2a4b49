/**
 * Finds a field by any of its accepted names (`customer_id`, `customerId`, ...); an empty or
 * blank cell counts as missing.
 */
export function field(
  fields: Readonly<Record<string, unknown>>,
  names: readonly string[],
): unknown {
  for (const name of names) {
    const value = fields[name];
    if (value !== undefined && !(typeof value === 'string' && value.trim() === '')) return value;
  }
  return undefined;
}

/** A finite number from a CSV cell or a JSON value; a blank string is not a number (not 0). */
export function numberFrom(value: unknown): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value.trim())
        : Number.NaN;
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
