import { compileModel } from '../model/compileModel.js';
import { decayFactor } from '../model/decayedValue.js';
import type { Model, Segment } from '../model/modelSchema.js';
import { behaviourTotals, capped, cappedScore } from '../score/_lib/behaviourTotals.js';
import { readEvents } from '../score/_lib/readEvents.js';
import type { EngagementEvent, ScoreOptions } from '../score/EngagementEvent.js';
import { type Instant, readInstant } from '../time/instant.js';
import { classifyScore } from './_lib/classifyScore.js';
import { ladderOf } from './_lib/ladder.js';
import { explainWithRules } from './rules/explainWithRules.js';
import type { RulesExplanation } from './rules/RulesExplanation.js';
import { segmentIndexAt } from './sweep/segmentIndexAt.js';

/**
 * What one behaviour adds to a score.
 *
 * @category Scoring
 */
export interface BehaviourContribution {
  readonly behaviour: string;
  /** Points after the behaviour's cap; the contributions of all behaviours sum to the score. */
  readonly contribution: number;
  /** Sum of its events' contributions before the cap. */
  readonly uncapped: number;
  /** Whether the cap cut the total. */
  readonly capped: boolean;
  /**
   * How many of its events count at the instant: at or before it and, with scoring rules, not left
   * out by a frequency cap or a reset.
   */
  readonly events: number;
}

/**
 * What one event adds to a score, before its behaviour's cap.
 *
 * @category Scoring
 */
export interface EventContribution {
  /** Position of the event in the array passed in. */
  readonly index: number;
  readonly behaviour: string;
  /** When it happened, epoch milliseconds. */
  readonly at: number;
  readonly weight: number;
  /** `weight * boost * decay(at - event.at)`. */
  readonly contribution: number;
}

/**
 * A score with its parts, see {@link explainScore}.
 *
 * @category Scoring
 */
export interface ScoreExplanation {
  /** The instant, epoch milliseconds. */
  readonly at: number;
  readonly score: number;
  readonly segment: Segment;
  /** Behaviours with at least one counted event, largest absolute contribution first. */
  readonly behaviours: readonly BehaviourContribution[];
  /** Counted events (at or before the instant), largest absolute contribution first. */
  readonly events: readonly EventContribution[];
  /** Events that did not count: after the instant, or of an unknown behaviour being ignored. */
  readonly ignored: { readonly future: number; readonly unknownBehaviour: number };
  /**
   * Only for a model with scoring rules (see {@link hasRules}): the groups' raw and bounded parts
   * and the events that frequency caps and resets left out.
   */
  readonly rules?: RulesExplanation;
}

const byMagnitude = (a: { contribution: number }, b: { contribution: number }): number =>
  Math.abs(b.contribution) - Math.abs(a.contribution);

/**
 * A score with its parts: per behaviour (after caps) and per event, largest first.
 *
 * @remarks
 * The behaviours' contributions sum to `score`; each behaviour's events sum to its `uncapped`
 * total. Ties keep the order of the input. Events after `at` and ignored unknown behaviours are
 * counted in `ignored`, so nothing disappears without a trace.
 *
 * With scoring rules (see {@link hasRules}) only the events the rules let count are listed, and
 * `rules` gives each group's raw and bounded part, the ungrouped part, the sum before the model's
 * bounds, and per group how many events a frequency cap or a reset left out. The score is then
 * `clamp_model(ungrouped + sum of the bounded groups)`, as {@link scoreParts} gives it. With a
 * hysteresis band the segment is replayed under the rules, as {@link segmentAt} replays it.
 *
 * @param model - The model.
 * @param events - The customer's events, in any order.
 * @param at - The instant.
 * @param options - What to do with unknown behaviours.
 * @returns The {@link ScoreExplanation}.
 * @throws {@link EngagekitError} as {@link scoreAt} does.
 *
 * @example
 * ```ts
 * import { defineModel, explainScore, linear } from 'engagekit';
 *
 * const model = defineModel({
 *   behaviours: {
 *     emailClick: { boost: 25, decay: linear({ days: 14 }) },
 *     purchase: { boost: 50, decay: linear({ days: 120 }) },
 *   },
 * });
 * const explanation = explainScore(
 *   model,
 *   [
 *     { behaviour: 'emailClick', at: 0 },
 *     { behaviour: 'purchase', at: 0 },
 *   ],
 *   0,
 * );
 * explanation.score; // => 75
 * explanation.behaviours.map((part) => part.behaviour); // => ['purchase', 'emailClick']
 * explanation.events[0]?.contribution; // => 50
 * ```
 *
 * @example
 * ```ts
 * import { defineModel, explainScore, permanent } from 'engagekit';
 *
 * // at most two clicks a day count, and the email group adds at most 25
 * const model = defineModel({
 *   behaviours: {
 *     emailClick: { boost: 10, decay: permanent(), frequencyCap: { count: 2, per: 'day' } },
 *   },
 *   groups: { email: { behaviours: ['emailClick'], bounds: { max: 25 } } },
 * });
 * const clicks = [0, 1, 2, 86_400_000, 86_400_001].map((at) => ({ behaviour: 'emailClick', at }));
 * const explanation = explainScore(model, clicks, 86_400_001);
 * explanation.score; // => 25
 * explanation.rules?.groups;
 * // => [{ group: 'email', raw: 40, bounded: 25, removed: { frequencyCap: 1, reset: 0 } }]
 * ```
 * @category Scoring
 */
export function explainScore(
  model: Model,
  events: readonly EngagementEvent[],
  at: Instant,
  options: ScoreOptions = {},
): ScoreExplanation {
  const time = readInstant(at, { fn: 'explainScore', path: ['at'] });
  const compiled = compileModel(model, 'explainScore');
  const columns = readEvents(compiled, events, 'explainScore', options);
  if (compiled.rules !== undefined) {
    return explainWithRules(model, compiled, compiled.rules, columns, time, 'explainScore');
  }
  const totals = behaviourTotals(compiled, columns, time, 'explainScore');
  const counts = new Uint32Array(compiled.behaviourIds.length);
  const eventParts: EventContribution[] = [];
  let future = 0;
  for (let i = 0; i < columns.length; i++) {
    const eventAt = columns.at[i]!;
    if (eventAt > time) {
      future++;
      continue;
    }
    const b = columns.behaviour[i]!;
    counts[b]!++;
    eventParts.push({
      index: columns.source[i]!,
      behaviour: compiled.behaviourIds[b]!,
      at: eventAt,
      weight: columns.weight[i]!,
      contribution:
        columns.weight[i]! * compiled.boost[b]! * decayFactor(compiled.decays[b]!, time - eventAt),
    });
  }
  const behaviourParts: BehaviourContribution[] = [];
  compiled.behaviourIds.forEach((behaviour, b) => {
    if (counts[b] === 0) return;
    const uncapped = totals[b]!;
    const contribution = capped(uncapped, compiled.cap[b]!);
    behaviourParts.push({
      behaviour,
      contribution,
      uncapped,
      capped: contribution !== uncapped,
      events: counts[b]!,
    });
  });
  const score = cappedScore(compiled, totals, 'explainScore', time);
  const ladder = ladderOf(model);
  return {
    at: time,
    score,
    // With a hysteresis band the segment depends on the customer's path, so it is replayed.
    segment:
      ladder.band === 0
        ? classifyScore(model, score)
        : ladder.names[segmentIndexAt(compiled, columns, ladder, time, -1, 'explainScore')]!,
    behaviours: behaviourParts.sort(byMagnitude),
    events: eventParts.sort(byMagnitude),
    ignored: { future, unknownBehaviour: columns.ignoredUnknown },
  };
}
