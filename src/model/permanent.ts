import type { PermanentDecay } from './decaySchema.js';

/**
 * No decay: the boost counts forever (a sign-up, a verified account).
 *
 * @returns The decay spec `{ kind: 'permanent' }`.
 *
 * @example
 * ```ts
 * import { permanent } from 'engagekit';
 *
 * permanent(); // => { kind: 'permanent' }
 * ```
 * @category Model
 */
export function permanent(): PermanentDecay {
  return { kind: 'permanent' };
}
