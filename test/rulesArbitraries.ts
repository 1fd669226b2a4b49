import * as fc from 'fast-check';
import type { EngagementEvent } from '../src/index.js';
import { defineModel, type Model } from '../src/index.js';
import { modelArbitrary } from '../src/testing/modelArbitrary.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A frequency cap: per calendar day in one of a few zones, or per rolling window. */
const frequencyCapArbitrary = fc.oneof(
  fc.record({
    count: fc.integer({ min: 1, max: 4 }),
    per: fc.constant('day' as const),
    timeZone: fc.constantFrom('UTC', 'Asia/Tokyo', 'America/New_York', '+05:30'),
  }),
  fc.record({
    count: fc.integer({ min: 1, max: 4 }),
    window: fc.integer({ min: 1, max: 72 }).map((hours) => hours * HOUR),
  }),
);

const boundArbitrary = fc.option(fc.integer({ min: -60, max: 150 }), { nil: undefined });
const boundsArbitrary = fc
  .tuple(boundArbitrary, boundArbitrary)
  .map(([a, b]) =>
    a !== undefined && b !== undefined
      ? { min: Math.min(a, b), max: Math.max(a, b) }
      : { min: a, max: b },
  )
  .map((bounds) => Object.fromEntries(Object.entries(bounds).filter(([, v]) => v !== undefined)));

/**
 * The `groups` of a model from a group index per behaviour (-1: no group; 0, 1, 2: `email`, `web`,
 * `commerce`) and the bounds of each group.
 */
export function groupsOf(
  ids: readonly string[],
  groupIndexes: readonly number[],
  groupBounds: readonly ({ min?: number; max?: number } | undefined)[],
): Record<string, { behaviours: string[]; bounds?: { min?: number; max?: number } }> {
  const groups: Record<string, { behaviours: string[]; bounds?: { min?: number; max?: number } }> =
    {};
  ids.forEach((id, i) => {
    const g = groupIndexes[i]!;
    if (g < 0) return;
    const name = ['email', 'web', 'commerce'][g]!;
    groups[name] ??= {
      behaviours: [],
      ...(groupBounds[g] === undefined ? {} : { bounds: groupBounds[g] }),
    };
    groups[name].behaviours.push(id);
  });
  return groups;
}

/**
 * Models using every rule: on a random base model, each behaviour may get a frequency cap and a
 * reset list (`true` or some behaviours), behaviours are spread over up to three groups (or none),
 * each group and the model may get bounds.
 */
export function rulesModelArbitrary(): fc.Arbitrary<Model> {
  return modelArbitrary({ maxBehaviours: 5, maxDuration: 20 * DAY }).chain((base) => {
    const ids = base.behaviourIds;
    const perBehaviour = fc.record({
      frequencyCap: fc.option(frequencyCapArbitrary, { nil: undefined, freq: 2 }),
      resets: fc.option(
        fc.oneof(fc.constant(true as const), fc.subarray([...ids], { minLength: 1 })),
        {
          nil: undefined,
          freq: 3,
        },
      ),
      group: fc.integer({ min: -1, max: 2 }),
    });
    return fc
      .tuple(
        fc.array(perBehaviour, { minLength: ids.length, maxLength: ids.length }),
        fc.array(fc.option(boundsArbitrary, { nil: undefined }), { minLength: 3, maxLength: 3 }),
        fc.option(boundsArbitrary, { nil: undefined }),
      )
      .map(([rules, groupBounds, bounds]) => {
        const behaviours = Object.fromEntries(
          ids.map((id, i) => {
            const { frequencyCap, resets } = rules[i]!;
            return [
              id,
              {
                ...base.behaviours[id]!,
                ...(frequencyCap === undefined ? {} : { frequencyCap }),
                ...(resets === undefined ? {} : { resets }),
              },
            ];
          }),
        );
        const groups = groupsOf(
          ids,
          rules.map((rule) => rule.group),
          groupBounds,
        );
        return defineModel({
          behaviours,
          segments: base.segments,
          ...(Object.keys(groups).length > 0 ? { groups } : {}),
          ...(bounds === undefined ? {} : { bounds }),
        } as Parameters<typeof defineModel>[0]);
      });
  });
}

/**
 * Events of a model's behaviours for up to `customers` customers over ten days, on a coarse grid
 * (whole hours) so that caps, windows, resets and ties at one instant all happen often.
 */
export function rulesEventsArbitrary(
  model: Model,
  customers = 3,
): fc.Arbitrary<(EngagementEvent & { customerId: string })[]> {
  return fc.array(
    fc.record({
      behaviour: fc.constantFrom(...model.behaviourIds),
      at: fc.integer({ min: 0, max: 240 }).map((hours) => hours * HOUR),
      weight: fc.constantFrom(1, 2, 0.5, -1),
      customerId: fc.integer({ min: 0, max: customers - 1 }).map(String),
    }),
    { maxLength: 40 },
  );
}
