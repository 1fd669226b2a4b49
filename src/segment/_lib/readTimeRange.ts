import { EngagekitError } from '../../errors/EngagekitError.js';
import { type Instant, readInstant } from '../../time/instant.js';

/**
 * Reads the `{ from, to }` instants of an options object (`to` not before `from`), as epoch
 * milliseconds; `INVALID_OPTION` naming the field otherwise.
 */
export function readTimeRange(
  fn: string,
  options: { readonly from: Instant; readonly to: Instant } | null | undefined,
): { from: number; to: number } {
  if (options === null || typeof options !== 'object') {
    throw new EngagekitError('INVALID_OPTION', `${fn}: options { from, to } are required`, [
      'options',
    ]);
  }
  const from = readInstant(options.from, { fn, path: ['options', 'from'], code: 'INVALID_OPTION' });
  const to = readInstant(options.to, { fn, path: ['options', 'to'], code: 'INVALID_OPTION' });
  if (to < from) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `${fn}: options.to must not be before options.from`,
      ['options', 'to'],
    );
  }
  return { from, to };
}
