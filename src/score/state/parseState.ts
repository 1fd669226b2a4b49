import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import { issueList } from '../../errors/issueList.js';
import type { CompiledModel } from '../../model/compileModel.js';
import type { Model } from '../../model/modelSchema.js';
import { instantMillis, MAX_INSTANT } from '../../time/instant.js';
import { compiledOf } from '../kernel/checkColumns.js';
import { type CustomerIndex, emptyIndex, reserveIds } from './_lib/customerIndex.js';
import { pushHeld } from './_lib/held.js';
import { floatArray } from './_lib/windowStore.js';
import { createScoreState } from './createScoreState.js';
import type { ScoreState } from './scoreStateParts.js';
import {
  customerSlot,
  isWindowed,
  modelFingerprint,
  modelKey,
  readPosition,
  slotOf,
  stateLayout,
  writeWindow,
} from './scoreStateParts.js';
import { SCORE_STATE_FORMAT } from './serializeState.js';

function invalid(path: (string | number)[], problem: string): never {
  // paths are inside the state written; the whole of it is the argument `json`
  throw new EngagekitError(
    'INVALID_STATE',
    `parseState: ${problem}`,
    path.length > 0 ? path : ['json'],
  );
}

/**
 * Reads a state written by {@link serializeState}, checking it fully and checking that it was
 * built for `model`.
 *
 * @remarks
 * Accepts the JSON text or the value `JSON.parse` gives. Checks the format tag and version, that
 * the behaviours, decays, boosts and caps are the model's (a state computed under other decays
 * would give wrong scores), and every customer's numbers: lengths, finiteness, windows only for
 * behaviours that expire, sorted by time, every instant (`latest`, anchors, window times) within
 * the range of a `Date` and none after `latest`, no customer key twice in the text (JSON would
 * keep the last one silently). The shape is checked without recursion, so a hostile nesting depth
 * costs nothing. Every problem is reported (`error.issues`, the first 100 listed). Version 1
 * (without positions), version 2 and version 3 (with the horizon and the held events) are read.
 *
 * @param model - The model the state was built with, or its {@link compileModel} result.
 * @param json - The JSON text, or its parsed value.
 * @returns A state ready for {@link applyEvent}, {@link scoreState} and {@link mergeStates}.
 * @throws {@link EngagekitError} `INVALID_STATE` (with the path of every bad field) for malformed
 * JSON, another format or version, another model (fingerprint), bad numbers or instants, or a
 * duplicated customer.
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
  // Room for the customers the text holds, taken before JSON.parse builds its objects: a large
  // allocation makes the engine collect garbage, which costs little before the objects exist and
  // seconds after (measured at 1M customers: three full collections of 2.3 to 2.9 s each).
  const written = typeof json === 'string' ? countTotals(json) : 0;
  const room = typeof json === 'string' ? roomFor(model, json, written) : undefined;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      invalid([], `the text is not JSON (${describeValue(json)}); pass what serializeState wrote`);
    }
  }
  if (!isRecord(value)) {
    invalid([], `the state must be the object serializeState wrote, got ${describeValue(value)}`);
  }
  const issues = issueList('parseState');
  for (const key of Object.keys(value)) {
    if (!KEYS.has(key)) issues.add([key], 'is not a field of a serialised state; remove it');
  }
  if (value.format !== SCORE_STATE_FORMAT) {
    issues.add(
      ['format'],
      `must be ${JSON.stringify(SCORE_STATE_FORMAT)}, got ${describeValue(value.format)}`,
    );
  }
  if (value.version !== 1 && value.version !== 2 && value.version !== 3) {
    issues.add(
      ['version'],
      `must be 1, 2 or 3 (this version of engagekit writes 3), got ${describeValue(value.version)}`,
    );
  }
  issues.throwIfAny('INVALID_STATE');
  const compiled = compiledOf(model, 'parseState');
  const count = compiled.kind.length;
  const found = safeStringify(
    Array.isArray(value.behaviourIds)
      ? value.behaviourIds.map((id: unknown, b: number) => [
          id,
          arrayAt(value.decays, b),
          arrayAt(value.boosts, b),
          arrayAt(value.caps, b),
        ])
      : null,
  );
  if (
    found !== modelKey(compiled) ||
    arrayLength(value.decays) !== count ||
    arrayLength(value.boosts) !== count ||
    arrayLength(value.caps) !== count ||
    (value.version !== 1 && value.fingerprint !== modelFingerprint(compiled))
  ) {
    invalid(
      ['behaviourIds'],
      'the state was built for another model (behaviours, decays, boosts, caps or fingerprint differ); parse it with the model it was built with',
    );
  }
  const latest = value.latest === null ? Number.NEGATIVE_INFINITY : instantMillis(value.latest);
  if (Number.isNaN(latest)) {
    issues.add(
      ['latest'],
      `must be null or epoch milliseconds within ±8.64e15 (the range of a Date), got ${describeValue(value.latest)}`,
    );
  }
  const positions = new Map<string, string>();
  if (value.version !== 1) {
    if (!isRecord(value.positions)) {
      issues.add(
        ['positions'],
        `must be an object of positions by partition, got ${describeValue(value.positions)}`,
      );
    } else {
      for (const [partition, position] of Object.entries(value.positions)) {
        if (typeof position === 'string' && readPosition(position) !== undefined) {
          positions.set(partition, position);
        } else {
          issues.add(
            ['positions', partition],
            `must be a position (digits, optionally "ms-seq"), got ${describeValue(position)}`,
          );
        }
      }
    }
  }
  const customers = value.customers;
  if (!isRecord(customers)) {
    issues.add(
      ['customers'],
      `must be an object of customers by id, got ${describeValue(customers)}`,
    );
    issues.throwIfAny('INVALID_STATE');
  }
  const byId = customers as Record<string, unknown>;
  const keys = Object.keys(byId);
  if (typeof json === 'string') {
    // JSON.parse keeps the last of two equal keys: count the customers' entries in the text.
    if (written !== keys.length) {
      issues.add(
        ['customers'],
        `holds ${written - keys.length} customer entries more than distinct customer ids (a customer key, or a totals field, written twice); keep one entry per customer`,
      );
    }
  }
  const ahead = value.version === 3 ? readHeld(value, compiled, issues) : undefined;
  const state = createScoreState(
    compiled,
    ahead === undefined ? undefined : { maxHeld: ahead.maxHeld },
  );
  if (room !== undefined && room.data.length === state.stride * room.customers) {
    state.data = room.data;
    (state as { customers: CustomerIndex }).customers = room.index;
  }
  state.latest = Number.isNaN(latest) ? Number.NEGATIVE_INFINITY : latest;
  for (const [partition, position] of positions) state.positions.set(partition, position);
  const bound = Number.isNaN(latest) ? MAX_INSTANT : latest;
  for (let k = 0; k < keys.length; k++) {
    const id = keys[k]!;
    const raw = byId[id];
    const path = ['customers', id];
    const before = issues.count;
    if (
      !isRecord(raw) ||
      !Array.isArray(raw.totals) ||
      !Array.isArray(raw.windows) ||
      Object.keys(raw).length !== 2
    ) {
      issues.add(path, 'must be { totals, windows } as serializeState writes it');
      continue;
    }
    const { totals, windows } = raw as { totals: unknown[]; windows: unknown[] };
    if (totals.length !== 3 * count || windows.length !== count) {
      issues.add(
        path,
        `must have ${3 * count} totals and ${count} windows, got ${totals.length} and ${windows.length}`,
      );
      continue;
    }
    for (let b = 0; b < count; b++) {
      const anchor = totals[3 * b];
      if (compiled.kind[b] === 1 && !isWindowed(compiled, b) && anchor !== null) {
        const time = instantMillis(anchor);
        if (Number.isNaN(time) || time > bound) {
          issues.add(
            [...path, 'totals', 3 * b],
            `(an anchor) must be null or an instant within ±8.64e15 and not after latest (${latest}), got ${describeValue(anchor)}`,
          );
        }
      } else if (anchor !== null) {
        issues.add(
          [...path, 'totals', 3 * b],
          `must be null for behaviour "${compiled.behaviourIds[b]}", got ${describeValue(anchor)}`,
        );
      }
      for (let i = 3 * b + 1; i <= 3 * b + 2; i++) {
        const total = totals[i];
        if (
          typeof total !== 'number' ||
          !Number.isFinite(total) ||
          (isWindowed(compiled, b) && total !== 0)
        ) {
          issues.add(
            [...path, 'totals', i],
            `must be a finite number${isWindowed(compiled, b) ? ' (0 for a behaviour that expires)' : ''}, got ${describeValue(total)}`,
          );
        }
      }
      const window = windows[b];
      if (window === null) continue;
      if (!Array.isArray(window) || !isWindowed(compiled, b) || window.length % 2 !== 0) {
        issues.add(
          [...path, 'windows', b],
          'must be null or [time, value, ...] pairs of an expiring behaviour',
        );
        continue;
      }
      for (let i = 0; i < window.length; i += 2) {
        const time = window[i];
        const worth = window[i + 1];
        if (typeof time !== 'number' || Number.isNaN(instantMillis(time)) || time > bound) {
          issues.add(
            [...path, 'windows', b, i],
            `must be an instant within ±8.64e15 and not after latest (${latest}), got ${describeValue(time)}`,
          );
        } else if (i > 0 && time < (window[i - 2] as number)) {
          issues.add(
            [...path, 'windows', b, i],
            'must not be before the time before it (windows are sorted by time)',
          );
        }
        if (typeof worth !== 'number' || !Number.isFinite(worth)) {
          issues.add(
            [...path, 'windows', b, i + 1],
            `must be a finite number, got ${describeValue(worth)}`,
          );
        }
      }
    }
    if (issues.count > before) continue;
    const slot = customerSlot(state, id);
    const base = slot * state.stride;
    for (let b = 0; b < count; b++) {
      const window = windows[b] as number[] | null;
      if (window !== null) writeWindow(state, slot, b, window);
      else if (!isWindowed(compiled, b)) {
        for (let i = 0; i < 3; i++) {
          state.data[base + state.offset[b]! + i] =
            (totals[3 * b + i] as number | null) ?? Number.NEGATIVE_INFINITY;
        }
      }
    }
  }
  issues.throwIfAny('INVALID_STATE');
  if (ahead !== undefined) {
    state.horizon = ahead.horizon;
    for (const [id, behaviourId, time, worth] of ahead.held) {
      const slot = slotOf(state, id);
      if (slot === undefined) {
        invalid(
          ['held'],
          `holds an event of customer ${JSON.stringify(id)}, who is not in customers; pass what serializeState wrote`,
        );
      }
      pushHeld(state.held, slot, compiled.index.get(behaviourId)!, time, worth);
    }
  }
  return state;
}

/**
 * Empty records and an empty customer index with room for the `written` customers of a JSON text
 * (at most as many as its length allows: an entry takes at least 27 + 11 characters per behaviour,
 * so the room is never more than about twice the text's bytes), or `undefined` when the model
 * does not compile (the caller reports that) or there is nothing to reserve.
 */
function roomFor(
  model: Model | CompiledModel,
  json: string,
  written: number,
): { customers: number; data: Float64Array; index: CustomerIndex } | undefined {
  if (written === 0) return undefined;
  let compiled: CompiledModel;
  try {
    compiled = compiledOf(model, 'parseState');
  } catch {
    return undefined;
  }
  const count = compiled.kind.length;
  const customers = Math.min(written, Math.floor(json.length / (27 + 11 * count)));
  const { stride } = stateLayout(compiled);
  const index = emptyIndex();
  reserveIds(index, customers);
  return { customers, data: floatArray(customers * stride), index };
}

/**
 * How many times `"totals"` followed by optional whitespace and a colon occurs in `text` (what
 * `/"totals"\s*:/g` matches), without an array of the matches.
 */
function countTotals(text: string): number {
  let found = 0;
  for (let at = text.indexOf('"totals"'); at >= 0; at = text.indexOf('"totals"', at + 8)) {
    let next = at + 8;
    while (next < text.length && /\s/.test(text[next]!)) next++;
    if (text[next] === ':') found++;
  }
  return found;
}

/**
 * Reads the fields of version 3: the horizon, the bound and the held events, each checked (the
 * customers they name are checked once the customers are read).
 */
function readHeld(
  value: Record<string, unknown>,
  compiled: CompiledModel,
  issues: ReturnType<typeof issueList>,
): { horizon: number; maxHeld: number; held: [string, string, number, number][] } {
  const horizon = value.horizon === null ? Number.NEGATIVE_INFINITY : instantMillis(value.horizon);
  if (Number.isNaN(horizon)) {
    issues.add(
      ['horizon'],
      `must be null or epoch milliseconds within ±8.64e15, got ${describeValue(value.horizon)}`,
    );
  }
  const maxHeld = value.maxHeld;
  const bound = typeof maxHeld === 'number' && Number.isSafeInteger(maxHeld) && maxHeld >= 0;
  if (!bound) {
    issues.add(['maxHeld'], `must be a whole number, 0 or more, got ${describeValue(maxHeld)}`);
  }
  const list = value.held;
  const held: [string, string, number, number][] = [];
  if (!Array.isArray(list)) {
    issues.add(['held'], `must be an array of held events, got ${describeValue(list)}`);
  } else if (bound && list.length > (maxHeld as number)) {
    issues.add(['held'], `holds ${list.length} events, more than maxHeld (${maxHeld})`);
  } else {
    for (let i = 0; i < list.length; i++) {
      const entry = list[i];
      const [id, behaviourId, time, worth] = Array.isArray(entry) ? entry : [];
      if (
        !Array.isArray(entry) ||
        entry.length !== 4 ||
        typeof id !== 'string' ||
        typeof behaviourId !== 'string' ||
        !compiled.index.has(behaviourId) ||
        typeof time !== 'number' ||
        Number.isNaN(instantMillis(time)) ||
        !(time > horizon) ||
        typeof worth !== 'number' ||
        !Number.isFinite(worth)
      ) {
        issues.add(
          ['held', i],
          `must be [customerId, behaviourId of the model, time after the horizon (${horizon}), finite weight * boost], got ${describeValue(entry)}`,
        );
      } else held.push([id, behaviourId, time, worth]);
    }
  }
  return {
    horizon: Number.isNaN(horizon) ? Number.NEGATIVE_INFINITY : horizon,
    maxHeld: bound ? (maxHeld as number) : 0,
    held,
  };
}

const KEYS = new Set([
  'format',
  'version',
  'behaviourIds',
  'decays',
  'boosts',
  'caps',
  'latest',
  'customers',
  'fingerprint',
  'positions',
  'horizon',
  'maxHeld',
  'held',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayAt(value: unknown, index: number): unknown {
  return Array.isArray(value) ? value[index] : undefined;
}

function arrayLength(value: unknown): number {
  return Array.isArray(value) ? value.length : -1;
}

/** `JSON.stringify`, or `undefined` for what it cannot write (too deep, a cycle, a bigint). */
function safeStringify(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
