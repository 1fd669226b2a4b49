import { readOptions } from '../errors/readOptions.js';
import { parseWith } from '../errors/zodIssues.js';
import type { DurationInput } from '../time/duration.js';
import { decaySchema, type ExponentialDecay } from './decaySchema.js';

/**
 * Options of {@link exponential}.
 *
 * @category Model
 */
export interface ExponentialOptions {
  /** Age from which the boost counts for nothing at all (by default it never quite reaches 0). */
  readonly cutoff?: DurationInput;
}

/**
 * Exponential decay: the boost halves every `halfLife`.
 *
 * @remarks
 * Decayed value of boost `B` after `d >= 0` milliseconds: `B * 2^(-d / H)`, and 0 once `d >= cutoff`
 * when a cutoff is given.
 *
 * @param halfLife - Time for the boost to lose half its value; longer than zero.
 * @param options - Optional cutoff.
 * @returns The decay spec, a plain object with durations in milliseconds.
 * @throws {@link EngagekitError} `INVALID_DURATION` for a zero, negative or non-finite half-life
 * or cutoff.
 *
 * @example
 * ```ts
 * import { exponential } from 'engagekit';
 *
 * exponential({ days: 7 }); // => { kind: 'exponential', halfLife: 604800000 }
 * exponential({ days: 7 }, { cutoff: { days: 60 } }).cutoff; // => 5184000000
 * ```
 * @category Model
 */
export function exponential(
  halfLife: DurationInput,
  options: ExponentialOptions = {},
): ExponentialDecay {
  return parseWith(
    decaySchema,
    {
      kind: 'exponential',
      halfLife,
      cutoff: readOptions<ExponentialOptions>(options, 'exponential', '{ cutoff: { days: 90 } }')
        .cutoff,
    },
    { fn: 'exponential', code: 'INVALID_DURATION' },
  ) as ExponentialDecay;
}
