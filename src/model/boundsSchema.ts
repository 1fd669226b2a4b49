import * as z from 'zod/mini';

const finite = () => z.number({ error: 'must be a finite number' });

/**
 * The zod schema (`zod/mini`) of score bounds `{ min?, max? }`: the score of a model, or the part
 * of a group, is clamped to `[min, max]` after summing. `min` must not be greater than `max`.
 *
 * @category Model
 */
export const boundsSchema = /* @__PURE__ */ buildBoundsSchema();

function buildBoundsSchema() {
  return z.strictObject({ min: z.optional(finite()), max: z.optional(finite()) }).check(
    z.refine(
      (bounds) => bounds.min === undefined || bounds.max === undefined || bounds.min <= bounds.max,
      {
        error: 'must not be greater than max',
        path: ['min'],
      },
    ),
  );
}

/**
 * Bounds on a summed score: the score is clamped to `[min, max]` (either side optional).
 *
 * @category Model
 */
export interface Bounds {
  /** The least score; no lower bound when left out. */
  readonly min?: number;
  /** The greatest score; no upper bound when left out. */
  readonly max?: number;
}
