import * as z from 'zod/mini';
import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import { parseWith } from '../../errors/zodIssues.js';
import type { CompiledModel } from '../../model/compileModel.js';
import type { Model } from '../../model/modelSchema.js';
import { compiledOf } from '../kernel/checkColumns.js';
import { createScoreState } from './createScoreState.js';
import type { ScoreState } from './scoreStateParts.js';
import { customerSlot, isWindowed, modelKey, writeWindow } from './scoreStateParts.js';
import { SCORE_STATE_FORMAT } from './serializeState.js';

const finite = /* @__PURE__ */ (() => z.number())();

const stateSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    format: z.literal(SCORE_STATE_FORMAT),
    version: z.literal(1),
    behaviourIds: z.array(z.string()),
    decays: z.array(z.unknown()),
    boosts: z.array(finite),
    caps: z.array(z.nullable(finite)),
    latest: z.nullable(finite),
    // Checked entry by entry below: a zod record would drop a customer named "__proto__".
    customers: z.custom<Record<string, unknown>>(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
      { error: 'must be an object of customers by id' },
    ),
  }))();

const customerSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    totals: z.array(z.nullable(finite)),
    windows: z.array(z.nullable(z.array(finite))),
  }))();

function invalid(path: (string | number)[], problem: string): never {
  throw new EngagekitError('INVALID_STATE', `parseState: ${problem}`, path);
}

/**
 * Reads a state written by {@link serializeState}, checking it fully and checking that it was
 * built for `model`.
 *
 * @remarks
 * Accepts the JSON text or the value `JSON.parse` gives. Checks the format tag and version, that
 * the behaviours, decays, boosts and caps are the model's (a state computed under other decays
 * would give wrong scores), and every customer's numbers: lengths, finiteness, windows only for
 * behaviours that expire, sorted by time.
 *
 * @param model - The model the state was built with, or its {@link compileModel} result.
 * @param json - The JSON text, or its parsed value.
 * @returns A state ready for {@link applyEvent}, {@link scoreState} and {@link mergeStates}.
 * @throws {@link EngagekitError} `INVALID_STATE` (with the path of the bad field) for malformed
 * JSON, another format or version, another model, or bad numbers.
 *
 * @example
 * ```ts
 * import { EngagekitError, defineModel, parseState, permanent } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { signup: { boost: 3, decay: permanent() } } });
 * try {
 *   parseState(model, '{"format":"engagekit/score-state","version":2}');
 * } catch (error) {
 *   if (error instanceof EngagekitError) error.code; // => 'INVALID_STATE'
 * }
 * ```
 * @category Incremental
 */
export function parseState(model: Model | CompiledModel, json: unknown): ScoreState {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      invalid([], `the text is not JSON (${describeValue(json)}); pass what serializeState wrote`);
    }
  }
  const data = parseWith(stateSchema, value, { fn: 'parseState', code: 'INVALID_STATE' });
  const compiled = compiledOf(model, 'parseState');
  const expected = JSON.parse(modelKey(compiled)) as unknown[];
  const found = JSON.stringify(
    data.behaviourIds.map((id, b) => [id, data.decays[b], data.boosts[b], data.caps[b]]),
  );
  if (found !== JSON.stringify(expected)) {
    invalid(
      ['behaviourIds'],
      'the state was built for another model (behaviours, decays, boosts or caps differ); parse it with the model it was built with',
    );
  }
  const count = compiled.kind.length;
  const state = createScoreState(compiled);
  state.latest = data.latest ?? Number.NEGATIVE_INFINITY;
  for (const [id, raw] of Object.entries(data.customers)) {
    const path = ['customers', id];
    const entry = parseWith(customerSchema, raw, { fn: 'parseState', code: 'INVALID_STATE', path });
    if (entry.totals.length !== 3 * count || entry.windows.length !== count) {
      invalid(
        path,
        `customers[${JSON.stringify(id)}] must have ${3 * count} totals and ${count} windows`,
      );
    }
    entry.totals.forEach((total, i) => {
      if (total === null && i % 3 !== 0) {
        invalid(
          [...path, 'totals', i],
          `customers[${JSON.stringify(id)}].totals[${i}] must be a number`,
        );
      }
    });
    entry.windows.forEach((window, b) => {
      if (window === null) return;
      if (!isWindowed(compiled, b) || window.length % 2 !== 0) {
        invalid(
          [...path, 'windows', b],
          `customers[${JSON.stringify(id)}].windows[${b}] must be null or [time, value, ...] pairs of an expiring behaviour`,
        );
      }
      for (let i = 2; i < window.length; i += 2) {
        if (window[i]! < window[i - 2]!) {
          invalid(
            [...path, 'windows', b],
            `customers[${JSON.stringify(id)}].windows[${b}] must be sorted by time`,
          );
        }
      }
    });
    const slot = customerSlot(state, id);
    const base = slot * state.stride;
    for (let b = 0; b < count; b++) {
      const window = entry.windows[b];
      if (window != null) writeWindow(state, slot, b, [...window]);
      else if (!isWindowed(compiled, b)) {
        for (let i = 0; i < 3; i++) {
          state.data[base + state.offset[b]! + i] =
            entry.totals[3 * b + i] ?? Number.NEGATIVE_INFINITY;
        }
      }
    }
  }
  return state;
}
