import { readFileSync } from 'node:fs';
import { parseModel } from '../../model/parseModel.js';
import type { EngagementEvent } from '../../score/EngagementEvent.js';
import { atRisk } from '../../segment/atRisk.js';
import { saveList as saveListOf } from '../../segment/saveList.js';
import { collectBadRows } from '../badRows.js';
import type { Command } from '../command.js';
import { AT_FIELDS, BEHAVIOUR_FIELDS, CUSTOMER_FIELDS, field, numberFrom } from '../fields.js';
import { type OutputFormat, writeRows } from '../output.js';
import { instantFrom, parseInstant } from '../parseInstant.js';
import { formatOf, readRecords } from '../readRecords.js';
import { UsageError } from '../usage.js';

const DAY = 86_400_000;

/** Reads a whole-file input format from `--input-format` or the file's extension. */
function inputFormatOf(file: string, given: unknown, flag: string) {
  const format = (given as string | undefined) ?? formatOf(file);
  if (format !== 'csv' && format !== 'ndjson') {
    throw new UsageError(
      `${flag} must end in .csv, .ndjson or .jsonl${flag === '--events' ? ', or pass --input-format' : ''}`,
    );
  }
  return format;
}

export const saveList: Command = {
  name: 'save-list',
  summary:
    "who to save first: this week's at-risk customers by value, former best customers marked",
  usage:
    'engagekit save-list --model model.json --events events.csv|.ndjson --values values.csv|.ndjson --at <ISO 8601> [options]',
  help: `Lists the customers who will drop a segment within --within days of --at if nothing new
happens (the library's atRisk), most valuable first (saveList), and writes one row per customer:
customer_id, value, value_rank, top_value, former_best, segment, score, drop_segment, drop_at.

value is the customer's value from --values; value_rank is 1 for the most valuable of every
customer in --values; top_value is true for the top --best-share of them by value; former_best is
true for a top-value customer no longer in the model's top segment: the most costly to lose.
drop_at is the exact instant (ISO 8601, UTC) the customer drops to drop_segment.

Options:
  --model <file>        the model configuration (JSON, as parseModel accepts it)
  --events <file>       events as CSV with a header, or NDJSON (.ndjson/.jsonl); - for stdin
                        with --input-format. Fields: customer_id, behaviour, occurred_at
                        (ISO 8601 with a zone, or epoch ms), optional weight
  --values <file>       each customer's value (lifetime value, revenue...) as CSV or NDJSON with
                        fields customer_id and value; every at-risk customer needs one
  --at <instant>        now, e.g. 2026-11-01T12:00:00Z; events after it are left out
  --within <days>       how far ahead to look, in days (default 7)
  --best-share <share>  the share of customers, by value, who are the best (default 0.2)
  --format csv|json     output format (default csv)
  --output <file>       write to a file instead of standard output
  --input-format csv|ndjson   format of --events when it has no telling extension
  --ignore-unknown      leave out events of behaviours the model does not define
                        (default: report them as bad rows)
  -h, --help            this help

Bad rows of either file are reported with their line numbers on standard error; nothing is
written and the exit code is 1, as it is when an at-risk customer has no value.`,
  options: {
    model: { type: 'string' },
    events: { type: 'string' },
    values: { type: 'string' },
    at: { type: 'string' },
    within: { type: 'string', default: '7' },
    'best-share': { type: 'string', default: '0.2' },
    format: { type: 'string', default: 'csv' },
    output: { type: 'string' },
    'input-format': { type: 'string' },
    'ignore-unknown': { type: 'boolean', default: false },
  },
  async run(values) {
    const modelFile = values.model;
    const eventsFile = values.events;
    const valuesFile = values.values;
    if (typeof modelFile !== 'string') throw new UsageError('--model <file> is required');
    if (typeof eventsFile !== 'string') throw new UsageError('--events <file> is required');
    if (typeof valuesFile !== 'string') throw new UsageError('--values <file> is required');
    if (typeof values.at !== 'string') throw new UsageError('--at <instant> is required');
    const at = parseInstant(values.at);
    if ('problem' in at) throw new UsageError(`--at: ${at.problem}`);
    const within = numberFrom(values.within);
    if (within === undefined || within <= 0) {
      throw new UsageError(`--within must be a number of days > 0, got "${String(values.within)}"`);
    }
    const bestShare = numberFrom(values['best-share']);
    if (bestShare === undefined || bestShare <= 0 || bestShare > 1) {
      throw new UsageError(
        `--best-share must be a share in (0, 1], e.g. 0.2, got "${String(values['best-share'])}"`,
      );
    }
    const format = values.format as OutputFormat;
    if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json');
    const eventsFormat = inputFormatOf(eventsFile, values['input-format'], '--events');
    const valuesFormat = inputFormatOf(valuesFile, undefined, '--values');

    let json: unknown;
    try {
      json = JSON.parse(readFileSync(modelFile, 'utf8'));
    } catch (error) {
      throw new UsageError(
        `--model: cannot read ${modelFile} as JSON (${(error as Error).message})`,
      );
    }
    const model = parseModel(json);
    const known = new Set<string>(model.behaviourIds);

    const bad = collectBadRows();
    const ignoreUnknown = values['ignore-unknown'] === true;
    const events: EngagementEvent[] = [];
    for await (const { line, fields } of readRecords(eventsFile, eventsFormat, (line, message) =>
      bad.add(eventsFile, line, message),
    )) {
      const customer = field(fields, CUSTOMER_FIELDS);
      const behaviour = field(fields, BEHAVIOUR_FIELDS);
      const instant = instantFrom(field(fields, AT_FIELDS));
      if (typeof customer !== 'string' && typeof customer !== 'number') {
        bad.add(eventsFile, line, 'customer_id is missing');
        continue;
      }
      if (typeof behaviour !== 'string') {
        bad.add(eventsFile, line, 'behaviour is missing');
        continue;
      }
      if (!known.has(behaviour)) {
        if (!ignoreUnknown) {
          bad.add(
            eventsFile,
            line,
            `behaviour "${behaviour}" is not in the model (or pass --ignore-unknown)`,
          );
        }
        continue;
      }
      if ('problem' in instant) {
        bad.add(eventsFile, line, `occurred_at: ${instant.problem}`);
        continue;
      }
      let weight = 1;
      if (fields.weight !== undefined && fields.weight !== '') {
        const parsed = numberFrom(fields.weight);
        if (parsed === undefined) {
          bad.add(eventsFile, line, `weight "${String(fields.weight)}" is not a finite number`);
          continue;
        }
        weight = parsed;
      }
      events.push({ customerId: String(customer), behaviour, at: instant.millis, weight });
    }
    const valueById = new Map<string, number>();
    for await (const { line, fields } of readRecords(valuesFile, valuesFormat, (line, message) =>
      bad.add(valuesFile, line, message),
    )) {
      const customer = field(fields, CUSTOMER_FIELDS);
      const value = numberFrom(fields.value);
      if (typeof customer !== 'string' && typeof customer !== 'number') {
        bad.add(valuesFile, line, 'customer_id is missing');
      } else if (value === undefined || value < 0) {
        bad.add(
          valuesFile,
          line,
          `value "${String(fields.value ?? '')}" is not a finite number >= 0`,
        );
      } else if (valueById.has(String(customer))) {
        bad.add(
          valuesFile,
          line,
          `customer "${customer}" has a value already; give each customer one`,
        );
      } else {
        valueById.set(String(customer), value);
      }
    }
    if (bad.count > 0) {
      process.stderr.write(`${bad.report()}\n`);
      return 1;
    }

    const risk = atRisk(model, events, {
      at: at.millis,
      within: within * DAY,
    });
    const list = saveListOf(model, risk, valueById, { bestShare });
    await writeRows(
      list.map((customer) => ({
        customer_id: customer.customerId,
        value: customer.value,
        value_rank: customer.valueRank,
        top_value: String(customer.topValue),
        former_best: String(customer.formerBest),
        segment: customer.segment,
        score: customer.score,
        drop_segment: customer.drop.segment,
        drop_at: new Date(customer.drop.at).toISOString(),
      })),
      [
        'customer_id',
        'value',
        'value_rank',
        'top_value',
        'former_best',
        'segment',
        'score',
        'drop_segment',
        'drop_at',
      ],
      format,
      values.output as string | undefined,
    );
    return 0;
  },
};
