import { EngagekitError } from '../../errors/EngagekitError.js';
import type { Model } from '../../model/modelSchema.js';
import { ladderOf } from '../_lib/ladder.js';

/**
 * Throws `UNSUPPORTED` for a model with scoring rules and a hysteresis band: the band's segment
 * depends on the score's path, which `fn` does not replay under the rules yet. @internal
 */
export function rejectBandWithRules(model: Model, fn: string): void {
  if (ladderOf(model).band === 0) return;
  throw new EngagekitError(
    'UNSUPPORTED',
    `${fn}: does not support a hysteresis band (segments.band) together with the model's scoring rules yet; remove the band, or classify scoreAt with segmentOf`,
    ['model', 'segments', 'band'],
  );
}
