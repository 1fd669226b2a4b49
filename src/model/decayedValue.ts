import { EngagekitError } from '../errors/EngagekitError.js';
import { describeValue } from '../errors/formatPath.js';
import { parseWith } from '../errors/zodIssues.js';
import { type DecaySpec, decaySchema } from './decaySchema.js';

/**
 * The share of a boost left after `elapsed` milliseconds, in [0, 1]. Trusts its inputs.
 * @internal
 */
export function decayFactor(decay: DecaySpec, elapsed: number): number {
  switch (decay.kind) {
    case 'linear': {
      const grace = decay.grace ?? 0;
      if (elapsed <= grace) return 1;
      return elapsed >= decay.duration ? 0 : (decay.duration - elapsed) / (decay.duration - grace);
    }
    case 'exponential':
      return decay.cutoff !== undefined && elapsed >= decay.cutoff
        ? 0
        : 2 ** (-elapsed / decay.halfLife);
    case 'step':
      return elapsed < decay.duration ? 1 : 0;
    case 'permanent':
      return 1;
  }
}

/**
 * The value left of one boost after some time has passed.
 *
 * @remarks
 * Applies the decay formula of the spec (see {@link linear}, {@link exponential}, {@link step},
 * {@link permanent}) to a single boost. Useful to show a customer how much an action is still worth.
 *
 * @param boost - The points the event added when it happened (may be negative).
 * @param decay - How the boost fades.
 * @param elapsed - Milliseconds since the event, `>= 0`.
 * @returns `boost` times the share left after `elapsed`.
 * @throws {@link EngagekitError} `INVALID_OPTION` for a non-finite boost or a negative or
 * non-finite `elapsed`; `INVALID_MODEL` for a malformed decay.
 *
 * @example
 * ```ts
 * import { decayedValue, exponential, linear, step } from 'engagekit';
 *
 * decayedValue(50, linear({ days: 120 }), 60 * 86_400_000); // => 25
 * decayedValue(40, exponential({ days: 7 }), 7 * 86_400_000); // => 20
 * decayedValue(10, step({ days: 30 }), 30 * 86_400_000); // => 0
 * ```
 * @category Model
 */
export function decayedValue(boost: number, decay: DecaySpec, elapsed: number): number {
  if (typeof boost !== 'number' || !Number.isFinite(boost)) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `decayedValue: boost must be a finite number, got ${describeValue(boost)}`,
      ['boost'],
    );
  }
  if (typeof elapsed !== 'number' || !Number.isFinite(elapsed) || elapsed < 0) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `decayedValue: elapsed must be a finite, non-negative number of milliseconds, got ${describeValue(elapsed)}`,
      ['elapsed'],
    );
  }
  const spec = parseWith(decaySchema, decay, {
    fn: 'decayedValue',
    code: 'INVALID_MODEL',
    path: ['decay'],
  });
  return boost * decayFactor(spec, elapsed);
}
