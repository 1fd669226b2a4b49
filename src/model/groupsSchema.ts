import * as z from 'zod/mini';
import { type Bounds, boundsSchema } from './boundsSchema.js';

/**
 * The zod schema (`zod/mini`) of a model's score groups: `{ [name]: { behaviours, bounds? } }`.
 * That every behaviour is known and in at most one group is checked with the whole model.
 *
 * @category Model
 */
export const groupsSchema = /* @__PURE__ */ buildGroupsSchema();

function buildGroupsSchema() {
  return z.record(
    z.string().check(
      z.minLength(1, { error: 'must not be an empty string' }),
      z.refine((name) => name !== '__proto__', {
        error: '"__proto__" is reserved and cannot be a group name',
      }),
    ),
    z.strictObject({
      behaviours: z
        .array(z.string({ error: 'must be a behaviour id' }))
        .check(z.minLength(1, { error: 'must list at least one behaviour' })),
      bounds: z.optional(boundsSchema),
    }),
  );
}

/**
 * A named group of behaviours whose summed part is clamped to `bounds` before it joins the score.
 *
 * @category Model
 */
export interface ScoreGroup {
  /** The behaviours of the group; a behaviour belongs to at most one group. */
  readonly behaviours: string[];
  /** Bounds on the group's part. */
  readonly bounds?: Bounds;
}

/**
 * The zod schema (`zod/mini`) of a behaviour's `resets`: `true` (every behaviour) or a list of
 * behaviour ids.
 *
 * @category Model
 */
export const resetsSchema = /* @__PURE__ */ buildResetsSchema();

function buildResetsSchema() {
  return z.union([z.literal(true), z.array(z.string({ error: 'must be a behaviour id' }))], {
    error: 'must be true (every behaviour) or a list of behaviour ids',
  });
}
