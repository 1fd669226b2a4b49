import { parseWith } from '../errors/zodIssues.js';
import type { DurationInput } from '../time/duration.js';
import { decaySchema, type StepDecay } from './decaySchema.js';

/**
 * Step decay: the boost counts in full until it expires.
 *
 * @remarks
 * Decayed value of boost `B` after `d >= 0` milliseconds: `B` while `d < D`, else 0 (so exactly at
 * `D` it is already 0).
 *
 * @param duration - How long the boost counts; longer than zero.
 * @returns The decay spec, a plain object with the duration in milliseconds.
 * @throws {@link EngagekitError} `INVALID_DURATION` for a zero, negative or non-finite duration.
 *
 * @example
 * ```ts
 * import { step } from 'engagekit';
 *
 * step({ days: 30 }); // => { kind: 'step', duration: 2592000000 }
 * ```
 * @category Model
 */
export function step(duration: DurationInput): StepDecay {
  return parseWith(
    decaySchema,
    { kind: 'step', duration },
    { fn: 'step', code: 'INVALID_DURATION' },
  ) as StepDecay;
}
