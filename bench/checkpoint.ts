/**
 * Checkpoints of the incremental state (issue 16): applying the events anew against reading the
 * binary and the JSON checkpoint of the same state. `npx tsx bench/checkpoint.ts [customers] [events]`
 * (defaults 1M and 10M; medians of 3 in one process).
 */
import {
  applyColumns,
  createScoreState,
  defineModel,
  exponential,
  linear,
  parseState,
  parseStateBinary,
  permanent,
  serializeState,
  serializeStateBinary,
  step,
} from '../src/index.js';

const model = defineModel({
  behaviours: {
    visit: { boost: 2, decay: exponential({ days: 7 }) },
    click: { boost: 5, decay: linear({ days: 14 }) },
    survey: { boost: 15, decay: step({ days: 30 }) },
    signup: { boost: 20, decay: permanent() },
  },
});
const customers = Number(process.argv[2] ?? 1_000_000),
  events = Number(process.argv[3] ?? 10_000_000);
const day = 86_400_000;
const t0 = Date.UTC(2026, 0, 1);
let seed = 1;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const columns = {
  customer: new Uint32Array(events),
  behaviour: new Uint8Array(events),
  at: new Float64Array(events),
};
for (let i = 0; i < events; i++) {
  columns.customer[i] = Math.floor(rnd() * customers);
  columns.behaviour[i] = Math.floor(rnd() * 4);
  columns.at[i] = t0 + Math.floor(rnd() * 90 * day);
}
const ids = Array.from({ length: customers }, (_, c) => `customer-${c}`);
const time = <T>(f: () => T) => {
  const s = performance.now();
  const r = f();
  return [performance.now() - s, r] as const;
};
const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const apply: number[] = [],
  bin: number[] = [],
  json: number[] = [];
let state = createScoreState(model);
for (let r = 0; r < 3; r++) {
  const [a, s] = time(() => applyColumns(createScoreState(model), columns, ids));
  apply.push(a);
  state = s;
}
const bytes = serializeStateBinary(state);
const text = serializeState(state);
for (let r = 0; r < 3; r++) {
  bin.push(time(() => parseStateBinary(model, bytes))[0]);
  json.push(time(() => parseState(model, text))[0]);
}
console.log(
  JSON.stringify({
    customers,
    events,
    applyMs: med(apply),
    binaryParseMs: med(bin),
    jsonParseMs: med(json),
    binaryMB: bytes.length / 2 ** 20,
    jsonMB: text.length / 2 ** 20,
    ratio: med(apply) / med(bin),
  }),
);
