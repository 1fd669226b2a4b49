import type { CompiledModel } from '../../model/compileModel.js';
import { populationSums } from '../../score/_lib/populationSums.js';
import { checkEventArray } from '../../score/_lib/readEvents.js';
import type { EngagementEvent, ScoreOptions } from '../../score/EngagementEvent.js';
import { type AtRiskEntry, atRiskList } from './atRiskList.js';
import { forecastGrouped } from './forecastGrouped.js';
import { classifyIndex, type Ladder } from './ladder.js';

/**
 * `atRisk` with a screen in front of the sweep: one pass over the event objects (the population
 * functions' `populationSums`) gives every customer's score at `at` and at `horizon` from the
 * events up to `at`; only the customers whose segment may differ between the two go on to the
 * segment sweep, on columns holding their events alone.
 *
 * The screen is exact where it runs: without scoring rules, with no hysteresis band and with no
 * negative weight, each of a customer's behaviour totals has the sign of its boost and only
 * shrinks towards 0 between `at` and `horizon` (each decay falls; the cap, a clamp, keeps the
 * order), so each capped total lies between its values at the two ends, and the score between
 * the sums of their minima and of their maxima. A customer whose score at `at` and both bounds
 * fall in one segment never leaves it before `horizon`. Within a relative 1e-9 of a threshold
 * the customer goes to the sweep as well, so that the sweep's own score decides there, as before.
 *
 * Returns `undefined` where the screen does not apply (rules, a band, a negative weight, or
 * `populationSums` declining): the caller then takes the path that sweeps every customer.
 */
export function screenedAtRisk(
  compiled: CompiledModel,
  ladder: Ladder,
  events: readonly EngagementEvent[],
  options: ScoreOptions,
  at: number,
  horizon: number,
  fn: string,
): AtRiskEntry[] | undefined {
  if (compiled.rules !== undefined || ladder.band !== 0) return undefined;
  // before `events.length` is read: not an array is INVALID_EVENT, as on every other path
  checkEventArray(events, fn);
  const eventCustomer = new Int32Array(events.length).fill(-1);
  const sums = populationSums(compiled, events, fn, options, [at, horizon], {
    countedUpTo: at,
    eventCustomer,
  });
  if (sums === undefined || sums.negativeWeight) return undefined;
  const now = sums.scores[0]!;
  const pairs = sums.pairs;
  const cap = compiled.cap;
  const behaviours = cap.length;
  const count = sums.ids.length;
  // Each customer's place among the swept ones, or -1.
  const swept = new Int32Array(count).fill(-1);
  const sweptIds: string[] = [];
  for (let c = 0; c < count; c++) {
    let low = 0;
    let high = 0;
    let size = 0;
    for (let b = 0, slot = 4 * c * behaviours; b < behaviours; b++, slot += 4) {
      const limit = cap[b]!;
      const first = Math.min(limit, Math.max(pairs[slot]! + pairs[slot + 1]!, -limit));
      const last = Math.min(limit, Math.max(pairs[slot + 2]! + pairs[slot + 3]!, -limit));
      low += Math.min(first, last);
      high += Math.max(first, last);
      size += Math.max(Math.abs(first), Math.abs(last));
    }
    const margin = 1e-9 * size + Number.MIN_VALUE;
    const segment = classifyIndex(ladder, now[c]!, -1);
    if (
      classifyIndex(ladder, low - margin, -1) === segment &&
      classifyIndex(ladder, high + margin, -1) === segment
    ) {
      continue;
    }
    swept[c] = sweptIds.length;
    sweptIds.push(sums.ids[c]!);
  }
  let kept = 0;
  for (let i = 0; i < events.length; i++) {
    const c = eventCustomer[i]!;
    if (c >= 0 && swept[c]! >= 0) kept++;
  }
  const customer = new Uint32Array(kept);
  const behaviour = new Int32Array(kept);
  const instants = new Float64Array(kept);
  const weight = new Float64Array(kept);
  let k = 0;
  for (let i = 0; i < events.length; i++) {
    const c = eventCustomer[i]!;
    if (c < 0 || swept[c]! < 0) continue;
    // populationSums has checked this event: a known behaviour, a finite instant and weight.
    const event = events[i]!;
    const time = event.at;
    customer[k] = swept[c]!;
    behaviour[k] = compiled.index.get(event.behaviour)!;
    instants[k] = typeof time === 'number' ? time : (time as Date).getTime();
    weight[k] = (event.weight as number | null | undefined) ?? 1;
    k++;
  }
  const columns = { customer, behaviour, at: instants, weight };
  const { result, grouped } = forecastGrouped(
    compiled,
    ladder,
    columns,
    sweptIds.length,
    at,
    horizon,
    fn,
  );
  return atRiskList(compiled, ladder, sweptIds, result, grouped, at, horizon);
}
