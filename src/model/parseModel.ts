import { buildModel } from './defineModel.js';
import type { Model } from './modelSchema.js';

/**
 * Validates a model configuration of unknown shape, such as JSON read from a file or a database.
 *
 * @remarks
 * Accepts what {@link defineModel} accepts, with `decay` as a plain object
 * (`{ "kind": "linear", "duration": { "days": 14 } }`) and durations as milliseconds or date-fns
 * `Duration` objects. `JSON.stringify(model)` of any model parses back to an equal model.
 *
 * @param json - The configuration, already parsed from JSON.
 * @returns The immutable {@link Model}.
 * @throws {@link EngagekitError} `INVALID_MODEL` naming the offending field.
 *
 * @example
 * ```ts
 * import { parseModel } from 'engagekit';
 *
 * const model = parseModel(
 *   JSON.parse('{"behaviours":{"purchase":{"boost":50,"decay":{"kind":"linear","duration":{"days":120}}}}}'),
 * );
 * model.behaviours.purchase?.decay; // => { kind: 'linear', duration: 10368000000 }
 * ```
 * @category Model
 */
export function parseModel(json: unknown): Model {
  return buildModel(json, 'parseModel');
}
