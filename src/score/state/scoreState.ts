import type { EngagekitIssue } from '../../errors/EngagekitError.js';
import { errorOfIssues } from '../../errors/errorOfIssues.js';
import { overflowError } from '../../math/finiteTotal.js';
import { type Instant, readInstant } from '../../time/instant.js';
import { ruleScratch } from '../rules/ruleScore.js';
import { customerIds } from './_lib/customerIndex.js';
import { advanceHorizon } from './_lib/held.js';
import type { ScoreState } from './scoreStateParts.js';
import { beforeNewest, checkState, customerScore } from './scoreStateParts.js';

/**
 * Every customer's score at an instant from an incremental state: the same numbers as
 * {@link scoreAt} over the events applied.
 *
 * @remarks
 * Exponential behaviours: the kept sum decayed from its anchor to `at`; permanent: the kept sum;
 * others: the kept window summed as {@link scoreAt} does. Each behaviour is clamped to its cap.
 * A state summarises the past, so it answers at or after the newest event applied: an earlier
 * `at` is an error, because the summaries no longer tell which events came after it.
 *
 * @param state - The state.
 * @param at - The instant, not before `state.latest`.
 * @returns Scores by customer id, as a plain object.
 * @throws {@link EngagekitError} `INVALID_INSTANT` for a bad `at` or one before the newest event
 * applied; `OVERFLOW` (one issue per customer) when a score is beyond the range of a number;
 * `INVALID_STATE` when `state` is not a state.
 *
 * @example
 * ```ts
 * import { applyEvent, createScoreState, defineModel, step, scoreState } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { survey: { boost: 15, decay: step({ days: 30 }) } } });
 * const day = 86_400_000;
 * const state = createScoreState(model);
 * applyEvent(state, { customerId: 'ada', behaviour: 'survey', at: 0 });
 * scoreState(state, 29 * day); // => { ada: 15 }
 * scoreState(state, 30 * day); // => { ada: 0 }
 * ```
 * @category Incremental
 */
export function scoreState(state: ScoreState, at: Instant): Record<string, number> {
  checkState(state, 'scoreState');
  const time = readInstant(at, { fn: 'scoreState', path: ['at'] });
  beforeNewest(state, time, 'scoreState');
  advanceHorizon(state, time);
  const scores: Record<string, number> = {};
  const overflows: EngagekitIssue[] = [];
  const rules = state.compiled.rules;
  const scratch = rules === undefined ? undefined : ruleScratch(state.compiled, rules);
  const ids = customerIds(state.customers);
  for (let slot = 0; slot < ids.length; slot++) {
    const id = ids[slot]!;
    const score = customerScore(state, slot, time, scratch);
    if (score - score !== 0) {
      const { path, message } = overflowError(
        'scoreState',
        ['state', 'customers', id],
        `the score of customer ${JSON.stringify(id)} at ${time}`,
      );
      overflows.push({ path, message });
    }
    if (id === '__proto__') {
      Object.defineProperty(scores, id, {
        value: score,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else scores[id] = score;
  }
  if (overflows.length > 0) {
    throw errorOfIssues('OVERFLOW', overflows as [EngagekitIssue, ...EngagekitIssue[]]);
  }
  return scores;
}
