import { EngagekitError } from '../../../errors/EngagekitError.js';
import type { CompiledModel } from '../../../model/compileModel.js';
import type { EventColumns } from '../../../score/_lib/readEvents.js';
import { advanceHorizon } from '../../../score/state/_lib/held.js';
import {
  beforeNewest,
  checkState,
  isWindowed,
  liveWindow,
  type ScoreState,
} from '../../../score/state/scoreStateParts.js';
import { type Instant, readInstant } from '../../../time/instant.js';
import type { ColumnsOfEvents } from '../../_lib/groupColumns.js';
import { type Ladder, ladderOf } from '../../_lib/ladder.js';

/**
 * What a read of a state at an instant works with: the instant, the model's ladder, and the
 * model with every boost 1, under which each of {@link stateEvents}' events weighs its worth.
 */
export interface StateRead {
  readonly state: ScoreState;
  readonly time: number;
  readonly ladder: Ladder;
  readonly unit: CompiledModel;
}

/**
 * Checks a state and an instant for the read `fn`, refuses a ladder with a hysteresis band
 * (`UNSUPPORTED`: the band needs the segment each customer was in, which the state's sums do not
 * keep), and moves the state's horizon up to the instant as {@link scoreState} does, folding the
 * events held until then.
 */
export function openState(state: unknown, at: Instant, fn: string): StateRead {
  checkState(state, fn);
  const time = readInstant(at, { fn, path: ['at'] });
  const ladder = ladderOf(state.compiled.model);
  if (ladder.band > 0) {
    throw new EngagekitError(
      'UNSUPPORTED',
      `${fn}: segments with a hysteresis band (band ${ladder.band}) are not supported on a state: the band needs the segment each customer was in before, which the state's sums do not keep; use forecast or forecastColumns over the events, or a model without the band`,
      ['state', 'model', 'segments', 'band'],
    );
  }
  beforeNewest(state, time, fn);
  advanceHorizon(state, time);
  const { compiled } = state;
  const unit: CompiledModel = {
    ...compiled,
    boost: new Float64Array(compiled.boost.length).fill(1),
  };
  return { state, time, ladder, unit };
}

/**
 * How many events {@link customerEvents} gives customer `slot`: one per live event of an expiring
 * behaviour, one per exponential or permanent behaviour whose kept sum is not 0.
 */
function eventCount(state: ScoreState, slot: number): number {
  const { compiled, data, offset, stride } = state;
  let count = 0;
  for (let b = 0; b < offset.length; b++) {
    if (isWindowed(compiled, b)) {
      const window = liveWindow(state, slot, b);
      if (window !== undefined) count += window.length / 2;
    } else {
      const at = slot * stride + offset[b]!;
      if (data[at + 1]! + data[at + 2]! !== 0) count++;
    }
  }
  return count;
}

/**
 * Writes customer `slot`'s events as the state keeps them from `position` on, weighed by their
 * worth (for a model with boosts 1): each live event of an expiring behaviour at its time; an
 * exponential behaviour's kept sum at its anchor (the newest event's time, where it equals the
 * sum of every event decayed there); a permanent behaviour's sum at the newest event folded.
 * Returns the position after the last.
 */
function writeEvents(
  state: ScoreState,
  slot: number,
  into: { behaviour: Int32Array; at: Float64Array; weight: Float64Array },
  position: number,
): number {
  const { compiled, data, offset, stride } = state;
  let k = position;
  for (let b = 0; b < offset.length; b++) {
    if (isWindowed(compiled, b)) {
      const window = liveWindow(state, slot, b);
      if (window === undefined) continue;
      for (let i = 0; i < window.length; i += 2) {
        into.behaviour[k] = b;
        into.at[k] = window[i]!;
        into.weight[k++] = window[i + 1]!;
      }
    } else {
      const at = slot * stride + offset[b]!;
      const sum = data[at + 1]! + data[at + 2]!;
      if (sum === 0) continue;
      into.behaviour[k] = b;
      into.at[k] = compiled.kind[b] === 1 ? data[at]! : state.latest;
      into.weight[k++] = sum;
    }
  }
  return k;
}

/** Customer `slot`'s events as the state keeps them (see `writeEvents`), as event columns. */
export function customerEvents(state: ScoreState, slot: number): EventColumns {
  const length = eventCount(state, slot);
  const into = {
    behaviour: new Int32Array(length),
    at: new Float64Array(length),
    weight: new Float64Array(length),
  };
  writeEvents(state, slot, into, 0);
  const source = new Int32Array(length);
  for (let i = 0; i < length; i++) source[i] = i;
  return { length, ...into, source, ignoredUnknown: 0 };
}

/** Every customer's events as the state keeps them, customer `c` being the state's slot `c`. */
export function stateEvents(state: ScoreState): {
  readonly ids: readonly string[];
  readonly columns: ColumnsOfEvents;
} {
  const ids = [...state.slots.keys()];
  let length = 0;
  for (let slot = 0; slot < ids.length; slot++) length += eventCount(state, slot);
  const customer = new Uint32Array(length);
  const into = {
    behaviour: new Int32Array(length),
    at: new Float64Array(length),
    weight: new Float64Array(length),
  };
  let position = 0;
  for (let slot = 0; slot < ids.length; slot++) {
    const next = writeEvents(state, slot, into, position);
    customer.fill(slot, position, next);
    position = next;
  }
  return { ids, columns: { customer, ...into } };
}
