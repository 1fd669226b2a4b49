/**
 * A door on the doors workload (1M events / 100k customers by default), alone or against plain
 * app code, for profiles and quick comparisons on a busy machine:
 *
 *     node --import tsx [--cpu-prof --cpu-prof-dir=.tmp/prof] bench/doors-profile.ts \
 *       [scorePopulation|segmentCounts|segmentFlows|eventColumns] [events] [customers] [calls] [--compare]
 *
 * then `npx tsx bench/doors-profile-summary.ts .tmp/prof/<file>.cpuprofile` for self time by
 * function. With `--compare`, each call is paired with a call of plain app code (`plainScores`)
 * on the same objects, alternately, and the medians of wall time and of process CPU time
 * (`process.cpuUsage`, which other processes on the machine disturb less than wall time) are
 * printed with the ratios.
 */
import {
  eventColumns,
  scoreColumns,
  scorePopulation,
  segmentCounts,
  segmentFlows,
} from '../src/index.js';
import { appEvents, plainScores } from './baselines.js';
import { median } from './timing.js';
import { benchModel, generateWorkload, SCORED_AT } from './workload.js';

const compare = process.argv.includes('--compare');
const [what = 'scorePopulation', eventsArg = '1000000', customersArg = '100000', callsArg = '3'] =
  process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const events = Number(eventsArg);
const customers = Number(customersArg);
const workload = generateWorkload(events, customers);
const ids = Array.from({ length: customers }, (_, c) => `customer-${c}`);
const objects = appEvents(workload, benchModel, ids);
const day = 86_400_000;
const runs: Record<string, () => unknown> = {
  scorePopulation: () => scorePopulation(benchModel, objects, SCORED_AT),
  segmentCounts: () => segmentCounts(benchModel, objects, SCORED_AT),
  segmentFlows: () =>
    segmentFlows(benchModel, objects, { from: SCORED_AT - 30 * day, to: SCORED_AT }),
  eventColumns: () => {
    const columns = eventColumns(benchModel, objects);
    return scoreColumns(benchModel, columns, SCORED_AT, columns.customerCount);
  },
};
const run = runs[what];
if (run === undefined)
  throw new Error(`unknown door ${what}: one of ${Object.keys(runs).join(', ')}`);
const now = new Date(SCORED_AT);
const plain = () => plainScores(benchModel, objects, now);

/** Wall and CPU milliseconds of one call. */
function measure(call: () => unknown): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  call();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const calls = Number(callsArg);
const door: { wall: number; cpu: number }[] = [];
const base: { wall: number; cpu: number }[] = [];
if (compare) plain();
for (let call = 0; call < calls; call++) {
  const one = measure(run);
  door.push(one);
  console.log(`${what} call ${call + 1}: ${one.wall.toFixed(0)} ms (cpu ${one.cpu.toFixed(0)} ms)`);
  if (compare) base.push(measure(plain));
}
if (compare) {
  // The first call of the door warms it up: medians of the rest when there are any.
  const rest = <T>(list: T[]) => (list.length > 1 ? list.slice(1) : list);
  const wall = (list: { wall: number }[]) => median(rest(list).map((m) => m.wall));
  const cpu = (list: { cpu: number }[]) => median(rest(list).map((m) => m.cpu));
  console.log(
    `median wall: plain ${wall(base).toFixed(0)} ms, ${what} ${wall(door).toFixed(0)} ms: ${(wall(base) / wall(door)).toFixed(2)}x plain`,
  );
  console.log(
    `median cpu:  plain ${cpu(base).toFixed(0)} ms, ${what} ${cpu(door).toFixed(0)} ms: ${(cpu(base) / cpu(door)).toFixed(2)}x plain`,
  );
}
