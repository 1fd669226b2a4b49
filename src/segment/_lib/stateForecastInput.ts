import { EngagekitError } from '../../errors/EngagekitError.js';
import type { CompiledModel } from '../../model/compileModel.js';
import { advanceHorizon } from '../../score/state/_lib/held.js';
import { stateEvents } from '../../score/state/_lib/stateEvents.js';
import type { ScoreState } from '../../score/state/scoreStateParts.js';
import { beforeNewest, checkState, slotOf } from '../../score/state/scoreStateParts.js';
import { type Instant, readInstant } from '../../time/instant.js';
import type { ColumnsOfEvents } from './groupColumns.js';
import { type Ladder, ladderOf } from './ladder.js';

/**
 * The shared first steps of the segment reads of a state: the state and instant checked, the
 * events due by `at` folded in (as scoring does), a model with a hysteresis band refused (its
 * segments depend on each customer's history, which a state does not keep), and the state's
 * customers as events that score the same from `at` on.
 */
export function stateForecastInput(
  state: ScoreState,
  at: Instant,
  fn: string,
  path: (string | number)[],
  only?: string,
): {
  readonly compiled: CompiledModel;
  readonly ladder: Ladder;
  readonly time: number;
  readonly ids: readonly string[];
  readonly columns: ColumnsOfEvents;
} {
  checkState(state, fn);
  const time = readInstant(at, { fn, path });
  const compiled = state.compiled;
  const ladder = ladderOf(compiled.model);
  if (ladder.band !== 0) {
    throw new EngagekitError(
      'UNSUPPORTED',
      `${fn}: the model's segments have a hysteresis band (${ladder.band}), so a customer's segment depends on their history, which a state does not keep; use segmentAt, forecast or atRisk over the events`,
      ['state', 'compiled', 'model', 'segments', 'band'],
    );
  }
  beforeNewest(state, time, fn);
  advanceHorizon(state, time);
  if (only === undefined) return { compiled, ladder, time, ...stateEvents(state, time) };
  const slot = slotOf(state, only);
  const none = {
    customer: new Uint32Array(0),
    behaviour: new Uint16Array(0),
    at: new Float64Array(0),
  };
  if (slot === undefined) return { compiled, ladder, time, ids: [only], columns: none };
  return { compiled, ladder, time, ...stateEvents(state, time, [slot, only]) };
}
