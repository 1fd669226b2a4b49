import type { ScoreState } from '../scoreStateParts.js';
import { isWindowed, liveWindow, readTotals } from '../scoreStateParts.js';
import { customerIds } from './customerIndex.js';

/**
 * What a state knows of each customer, as events that score the same from `latest` on: an
 * exponential behaviour's sum as one event at its anchor (a sum of exponentials of one rate decays
 * as one), a permanent behaviour's sum as one event at `at`, an expiring behaviour's live events
 * as they are. Weights are sums divided by the boost (behaviours of boost 0 add nothing). The
 * customers keep the state's order (`ids[c]` is slot `c`), or with `only` the one customer of that
 * slot is customer 0; the caller has folded the held events due by `at` in, and checked
 * `at >= state.latest`.
 */
export function stateEvents(
  state: ScoreState,
  at: number,
  only?: readonly [slot: number, id: string],
): {
  readonly ids: readonly string[];
  readonly columns: {
    readonly customer: Uint32Array;
    readonly behaviour: Uint16Array;
    readonly at: Float64Array;
    readonly weight: Float64Array;
  };
} {
  const { compiled } = state;
  const { kind, boost } = compiled;
  const count = kind.length;
  const ids = only === undefined ? customerIds(state.customers) : [only[1]];
  const customer: number[] = [];
  const behaviour: number[] = [];
  const time: number[] = [];
  const weight: number[] = [];
  const add = (c: number, b: number, when: number, value: number): void => {
    if (value === 0 || boost[b] === 0) return;
    customer.push(c);
    behaviour.push(b);
    time.push(when);
    weight.push(value / boost[b]!);
  };
  for (let index = 0; index < ids.length; index++) {
    const c = only === undefined ? index : only[0];
    for (let b = 0; b < count; b++) {
      if (isWindowed(compiled, b)) {
        const window = liveWindow(state, c, b);
        if (window === undefined) continue;
        for (let i = 0; i < window.length; i += 2) add(index, b, window[i]!, window[i + 1]!);
      } else {
        const [anchor, sum, compensation] = readTotals(state, c, b);
        if (kind[b] === 1) {
          if (anchor !== Number.NEGATIVE_INFINITY) add(index, b, anchor, sum + compensation);
        } else add(index, b, at, sum + compensation);
      }
    }
  }
  return {
    ids,
    columns: {
      customer: Uint32Array.from(customer),
      behaviour: Uint16Array.from(behaviour),
      at: Float64Array.from(time),
      weight: Float64Array.from(weight),
    },
  };
}
