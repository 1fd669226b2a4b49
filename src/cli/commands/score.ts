import { readFileSync } from 'node:fs';
import { compileModel } from '../../model/compileModel.js';
import { parseModel } from '../../model/parseModel.js';
import type { EngagementEvent } from '../../score/EngagementEvent.js';
import { forecast } from '../../segment/forecast.js';
import { collectBadRows } from '../badRows.js';
import type { Command } from '../command.js';
import { AT_FIELDS, BEHAVIOUR_FIELDS, CUSTOMER_FIELDS, field, numberFrom } from '../fields.js';
import { groupByKey } from '../groupByKey.js';
import { type OutputFormat, writeRows } from '../output.js';
import { instantFrom, parseInstant } from '../parseInstant.js';
import { formatOf, readRecords } from '../readRecords.js';
import { UsageError } from '../usage.js';

/** Growable typed columns: a few bytes per event, never one object per row. */
function growable() {
  let size = 0;
  let customer = new Uint32Array(1024);
  let behaviour = new Int32Array(1024);
  let at = new Float64Array(1024);
  let weight = new Float64Array(1024);
  return {
    push(c: number, b: number, t: number, w: number) {
      if (size === customer.length) {
        const grow = <T extends Uint32Array | Int32Array | Float64Array>(array: T, next: T): T => {
          next.set(array);
          return next;
        };
        customer = grow(customer, new Uint32Array(size * 2));
        behaviour = grow(behaviour, new Int32Array(size * 2));
        at = grow(at, new Float64Array(size * 2));
        weight = grow(weight, new Float64Array(size * 2));
      }
      customer[size] = c;
      behaviour[size] = b;
      at[size] = t;
      weight[size] = w;
      size++;
    },
    columns: () => ({ size, customer, behaviour, at, weight }),
  };
}

export const score: Command = {
  name: 'score',
  summary: 'score every customer of an events file at one instant',
  usage: 'engagekit score --model model.json --events events.csv|.ndjson --at <ISO 8601> [options]',
  help: `Scores every customer of an events file at one instant and writes one row per customer:
customer_id, score, segment, next_segment, next_change_at.

next_segment and next_change_at are the forecast: the segment the customer moves to, and the
exact instant (ISO 8601, UTC, to the millisecond) at which the move happens if nothing new
happens after --at; both are empty (null in JSON) when the segment never changes. Events after
--at are left out. With a hysteresis band in the model, each customer's current segment is
replayed from its own events.

Options:
  --model <file>        the model configuration (JSON, as parseModel accepts it)
  --events <file>       events as CSV with a header, or NDJSON (.ndjson/.jsonl); - for stdin
                        with --input-format. Fields: customer_id, behaviour, occurred_at
                        (ISO 8601 with a zone, or epoch ms), optional weight
  --at <instant>        the instant to score at, e.g. 2026-11-01T12:00:00Z
  --format csv|json     output format (default csv)
  --output <file>       write to a file instead of standard output
  --input-format csv|ndjson   format of --events when it has no telling extension
  --ignore-unknown      leave out events of behaviours the model does not define
                        (default: report them as bad rows)
  -h, --help            this help

Bad rows are reported with their line numbers on standard error; nothing is written and the exit
code is 1.`,
  options: {
    model: { type: 'string' },
    events: { type: 'string' },
    at: { type: 'string' },
    format: { type: 'string', default: 'csv' },
    output: { type: 'string' },
    'input-format': { type: 'string' },
    'ignore-unknown': { type: 'boolean', default: false },
  },
  async run(values) {
    const modelFile = values.model;
    const eventsFile = values.events;
    if (typeof modelFile !== 'string') throw new UsageError('--model <file> is required');
    if (typeof eventsFile !== 'string') throw new UsageError('--events <file> is required');
    if (typeof values.at !== 'string') throw new UsageError('--at <instant> is required');
    const at = parseInstant(values.at);
    if ('problem' in at) throw new UsageError(`--at: ${at.problem}`);
    const format = values.format as OutputFormat;
    if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json');
    const inputFormat = (values['input-format'] as string | undefined) ?? formatOf(eventsFile);
    if (inputFormat !== 'csv' && inputFormat !== 'ndjson') {
      throw new UsageError('--events must end in .csv, .ndjson or .jsonl, or pass --input-format');
    }

    let json: unknown;
    try {
      json = JSON.parse(readFileSync(modelFile, 'utf8'));
    } catch (error) {
      throw new UsageError(
        `--model: cannot read ${modelFile} as JSON (${(error as Error).message})`,
      );
    }
    const model = parseModel(json);
    const compiled = compileModel(model, 'score');

    const customers = new Map<string, number>();
    const customerIds: string[] = [];
    const events = growable();
    const bad = collectBadRows();
    const ignoreUnknown = values['ignore-unknown'] === true;
    for await (const { line, fields } of readRecords(eventsFile, inputFormat)) {
      const customer = field(fields, CUSTOMER_FIELDS);
      const behaviour = field(fields, BEHAVIOUR_FIELDS);
      const when = field(fields, AT_FIELDS);
      const weightText = fields.weight;
      if (typeof customer !== 'string' && typeof customer !== 'number') {
        bad.add(eventsFile, line, 'customer_id is missing');
        continue;
      }
      if (typeof behaviour !== 'string') {
        bad.add(eventsFile, line, 'behaviour is missing');
        continue;
      }
      const b = compiled.index.get(behaviour);
      if (b === undefined) {
        if (!ignoreUnknown) {
          bad.add(
            eventsFile,
            line,
            `behaviour "${behaviour}" is not in the model (or pass --ignore-unknown)`,
          );
        }
        continue;
      }
      const instant = instantFrom(when);
      if ('problem' in instant) {
        bad.add(eventsFile, line, `occurred_at: ${instant.problem}`);
        continue;
      }
      let weight = 1;
      if (weightText !== undefined && weightText !== '') {
        const parsed = numberFrom(weightText);
        if (parsed === undefined) {
          bad.add(eventsFile, line, `weight "${String(weightText)}" is not a finite number`);
          continue;
        }
        weight = parsed;
      }
      const id = String(customer);
      let c = customers.get(id);
      if (c === undefined) {
        c = customerIds.length;
        customers.set(id, c);
        customerIds.push(id);
      }
      events.push(c, b, instant.millis, weight);
    }
    if (bad.count > 0) {
      process.stderr.write(`${bad.report()}\n`);
      return 1;
    }

    // Group events by customer with a counting sort, then score each customer's slice.
    const { size, customer, behaviour, at: times, weight } = events.columns();
    const { starts, order } = groupByKey(customer, size, customerIds.length);
    const sortedBehaviour = new Int32Array(size);
    const sortedAt = new Float64Array(size);
    const sortedWeight = new Float64Array(size);
    for (let k = 0; k < size; k++) {
      const i = order[k]!;
      sortedBehaviour[k] = behaviour[i]!;
      sortedAt[k] = times[i]!;
      sortedWeight[k] = weight[i]!;
    }
    const byId = customerIds
      .map((id, c) => ({ id, c }))
      .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    const behaviourIds = model.behaviourIds;
    const atMillis = at.millis;
    function* rows() {
      for (const { id, c } of byId) {
        // One customer's events as objects, only while that customer is scored.
        const events: EngagementEvent[] = [];
        for (let k = starts[c]!; k < starts[c + 1]!; k++) {
          events.push({
            behaviour: behaviourIds[sortedBehaviour[k]!]!,
            at: sortedAt[k]!,
            weight: sortedWeight[k]!,
          });
        }
        const next = forecast(model, events, atMillis);
        yield {
          customer_id: id,
          score: next.score,
          segment: next.segment,
          next_segment: next.next === null ? null : next.next.segment,
          next_change_at: next.next === null ? null : new Date(next.next.at).toISOString(),
        };
      }
    }
    await writeRows(
      rows(),
      ['customer_id', 'score', 'segment', 'next_segment', 'next_change_at'],
      format,
      values.output as string | undefined,
    );
    return 0;
  },
};
