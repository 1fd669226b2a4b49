import { readOptions } from '../errors/readOptions.js';
import { parseWith } from '../errors/zodIssues.js';
import type { DurationInput } from '../time/duration.js';
import { decaySchema, type LinearDecay } from './decaySchema.js';

/**
 * Options of {@link linear}.
 *
 * @category Model
 */
export interface LinearOptions {
  /** How long the boost keeps its full value before it starts to fade; shorter than `duration`. */
  readonly grace?: DurationInput;
}

/**
 * Linear decay: the boost fades in a straight line to zero over `duration`.
 *
 * @remarks
 * Decayed value of boost `B` after `d >= 0` milliseconds: `B * max(0, 1 - d / D)`. With a grace
 * period `G < D` the boost keeps its full value while `d <= G`, then falls as `B * (D - d) / (D - G)`
 * and is 0 from `D` on.
 *
 * @param duration - Time to fade to zero (milliseconds or a date-fns `Duration`); longer than zero.
 * @param options - Optional grace period.
 * @returns The decay spec, a plain object with durations in milliseconds.
 * @throws {@link EngagekitError} `INVALID_DURATION` for a zero, negative or non-finite duration, or
 * a grace period not shorter than the duration.
 *
 * @example
 * ```ts
 * import { linear } from 'engagekit';
 *
 * linear({ days: 14 }); // => { kind: 'linear', duration: 1209600000 }
 * linear({ days: 30 }, { grace: { days: 7 } }); // => { kind: 'linear', duration: 2592000000, grace: 604800000 }
 * ```
 * @category Model
 */
export function linear(duration: DurationInput, options: LinearOptions = {}): LinearDecay {
  return parseWith(
    decaySchema,
    {
      kind: 'linear',
      duration,
      grace: readOptions<LinearOptions>(options, 'linear', '{ grace: { days: 3 } }').grace,
    },
    { fn: 'linear', code: 'INVALID_DURATION' },
  ) as LinearDecay;
}
