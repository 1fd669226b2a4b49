/**
 * What each scoring rule costs (issue 18): `scoreColumns` and `scorePrepared` on the same columns
 * with the bench model without rules (the kernel) and with each rule alone, then all of them. Median
 * of `runs` timed runs after 1 warm-up. `npx tsx bench/rules.ts [--quick]` on its own, or
 * `printRules()` from bench/run.ts.
 */
import {
  defineModel,
  type Model,
  prepareColumns,
  scoreColumns,
  scorePrepared,
} from '../src/index.js';
import { time } from './timing.js';
import { benchModel, generateWorkload, SCORED_AT } from './workload.js';

type Definition = Parameters<typeof defineModel>[0];

/** The bench model with `change` applied to its definition. */
function variant(change: (definition: Definition) => Definition): Model {
  const behaviours = Object.fromEntries(
    benchModel.behaviourIds.map((id) => [id, { ...benchModel.behaviours[id]! }]),
  );
  return defineModel(change({ behaviours } as Definition));
}

const capped =
  (ids: string[], cap: object) =>
  (definition: Definition): Definition =>
    ({
      ...definition,
      behaviours: Object.fromEntries(
        Object.entries(definition.behaviours).map(([id, behaviour]) => [
          id,
          ids.includes(id) ? { ...behaviour, frequencyCap: cap } : behaviour,
        ]),
      ),
    }) as Definition;

const GROUPS = {
  email: { behaviours: ['emailClick', 'unsubscribe'], bounds: { min: 0, max: 40 } },
  web: { behaviours: ['siteVisit', 'appOpen'], bounds: { max: 30 } },
  commerce: { behaviours: ['purchase', 'review'] },
};

/** The rule variants timed: a name and the model. */
export function ruleVariants(): [string, Model][] {
  const perDay = capped(['siteVisit', 'appOpen'], { count: 5, per: 'day' });
  const perDayZone = capped(['siteVisit', 'appOpen'], {
    count: 5,
    per: 'day',
    timeZone: 'Europe/Amsterdam',
  });
  const window = capped(['siteVisit', 'appOpen'], { count: 5, window: { hours: 24 } });
  const resets = (definition: Definition): Definition => ({
    ...definition,
    behaviours: {
      ...definition.behaviours,
      unsubscribe: { ...definition.behaviours.unsubscribe!, resets: ['emailClick'] },
    },
  });
  return [
    ['no rules (the kernel)', benchModel],
    ['bounds { min: 0, max: 100 }', variant((d) => ({ ...d, bounds: { min: 0, max: 100 } }))],
    ['three groups with bounds', variant((d) => ({ ...d, groups: GROUPS }))],
    ['frequency cap 5 a day (UTC) on 2 behaviours', variant(perDay)],
    ['frequency cap 5 a day (Europe/Amsterdam)', variant(perDayZone)],
    ['frequency cap 5 per rolling 24 h', variant(window)],
    ['reset (unsubscribe resets emailClick)', variant(resets)],
    [
      'all: caps per day, reset, groups, bounds',
      variant((d) => ({ ...resets(perDay(d)), groups: GROUPS, bounds: { min: 0, max: 100 } })),
    ],
  ];
}

/** Times each rule on `events` events over `customers` customers and prints a Markdown table. */
export function printRules(events = 1_000_000, customers = 100_000, runs = 3): void {
  const workload = generateWorkload(events, customers);
  const columns = { customer: workload.customer, behaviour: workload.behaviour, at: workload.at };
  console.log(
    `\n### Scoring rules (${events.toLocaleString('en')} events, ${customers.toLocaleString('en')} customers, median of ${runs})\n`,
  );
  console.log(
    '| model | scoreColumns ms | vs no rules | prepareColumns ms | scorePrepared ms | vs no rules |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  let baseColumns = 0;
  let basePrepared = 0;
  for (const [name, model] of ruleVariants()) {
    const direct = time(() => scoreColumns(model, columns, SCORED_AT, customers), runs);
    const prepare = time(() => prepareColumns(model, columns, customers), runs);
    const prepared = prepareColumns(model, columns, customers);
    const scored = time(() => scorePrepared(prepared, SCORED_AT), runs);
    if (baseColumns === 0) {
      baseColumns = direct;
      basePrepared = scored;
    }
    console.log(
      `| ${name} | ${direct.toFixed(1)} | ${(direct / baseColumns).toFixed(1)}x | ${prepare.toFixed(1)} | ${scored.toFixed(1)} | ${(scored / basePrepared).toFixed(1)}x |`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  printRules(quick ? 100_000 : 1_000_000, quick ? 10_000 : 100_000, quick ? 3 : 5);
}
