/**
 * The doors from host data (issue 15): scorePopulation, atRisk and segmentCounts on objects, and
 * eventColumns + scoreColumns from plain objects, each against plain app code (a Map and a loop,
 * `plainScores`) scoring the same events, in one run: each path warmed up once, then `runs` rounds
 * time every path once, in turns; the medians are compared.
 * `npx tsx bench/doors.ts [--quick]` on its own, or `printDoors()` from bench/run.ts.
 */
import {
  atRisk,
  eventColumns,
  scoreColumns,
  scorePopulation,
  segmentCounts,
} from '../src/index.js';
import { appEvents, plainScores } from './baselines.js';
import { timeInTurns } from './timing.js';
import { benchModel, generateWorkload, SCORED_AT } from './workload.js';

/** Times the doors on `events` events over `customers` customers and prints a Markdown table. */
export function printDoors(events = 1_000_000, customers = 100_000, runs = 5): void {
  const workload = generateWorkload(events, customers);
  const ids = Array.from({ length: customers }, (_, c) => `customer-${c}`);
  const objects = appEvents(workload, benchModel, ids);
  const now = new Date(SCORED_AT);
  // every timed run starts from a collected heap (node --expose-gc, as npm run bench runs it):
  // without it the garbage one run leaves is collected in the next, whichever it is, and the
  // ratios moved by half between runs of the same code
  const collect = (globalThis as { gc?: () => void }).gc;
  // Plain app code and every door are timed in turns, round after round, so that each ratio
  // compares runs of the same minutes (see timeInTurns).
  const medians = timeInTurns(
    {
      'plain app code (Map and loop, plainScores)': () => plainScores(benchModel, objects, now),
      'eventColumns + scoreColumns (from the same objects)': () => {
        const columns = eventColumns(benchModel, objects);
        return scoreColumns(benchModel, columns, SCORED_AT, columns.customerCount);
      },
      'scorePopulation(model, events, at)': () => scorePopulation(benchModel, objects, SCORED_AT),
      'segmentCounts(model, events, at)': () => segmentCounts(benchModel, objects, SCORED_AT),
      'atRisk(model, events, { at, within: { days: 7 } })': () =>
        atRisk(benchModel, objects, { at: SCORED_AT, within: { days: 7 } }),
    },
    runs,
    collect,
  );
  const rows = Object.entries(medians) as [string, number][];
  const plain = rows[0]![1];
  console.log(
    `\nDoors from host objects: ${events / 1e6}M events / ${customers / 1e3}k customers, median of ${runs} rounds, each path timed once a round.\n`,
  );
  // Issue 15's targets, as ratios to plain app code.
  const targets: Record<string, number> = {
    'eventColumns + scoreColumns (from the same objects)': 5,
    'scorePopulation(model, events, at)': 5,
    'atRisk(model, events, { at, within: { days: 7 } })': 2,
  };
  console.log('| path | ms | x plain app code | target |');
  console.log('|---|---:|---:|---|');
  for (const [name, ms] of rows) {
    const ratio = plain / ms;
    const target = targets[name];
    const verdict =
      target === undefined ? '' : `>= ${target}x ${ratio >= target ? 'met' : 'MISSED'}`;
    console.log(`| ${name} | ${ms.toFixed(0)} | ${ratio.toFixed(2)} | ${verdict} |`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  const runs = process.argv.includes('--once') ? 1 : 5;
  printDoors(quick ? 100_000 : 1_000_000, quick ? 10_000 : 100_000, runs);
}
