import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { compileModel } from '../../model/compileModel.js';
import { parseModel } from '../../model/parseModel.js';
import { idOrder } from '../../segment/_lib/idOrder.js';
import { forecastColumns } from '../../segment/forecastColumns.js';
import { estimateRows } from '../_lib/estimateRows.js';
import { type ColumnNames, eventRows } from '../_lib/eventRows.js';
import { forecastInParallel, startForecastHelper } from '../_lib/forecastInParallel.js';
import { readEventsFile } from '../_lib/readEventsFile.js';
import { sizeOf } from '../_lib/sizeOf.js';
import { writeForecast } from '../_lib/writeForecast.js';
import { collectBadRows } from '../badRows.js';
import type { Command, OptionValues } from '../command.js';
import { AT_FIELDS, BEHAVIOUR_FIELDS, CUSTOMER_FIELDS } from '../fields.js';
import { checkOutput, type OutputFormat } from '../output.js';
import { parseInstant } from '../parseInstant.js';
import { formatOf } from '../readRecords.js';
import { UsageError } from '../usage.js';

/** Inputs this large (bytes) start the forecast's helper thread while they are read. */
const HELPER_BYTES = 4 * 1024 * 1024;

/** This many events or more are forecast on two threads by default. */
const PARALLEL_EVENTS = 100_000;

/** The columnar format a file's extension tells, if any. */
function columnarFormatOf(file: string): 'parquet' | 'arrow' | undefined {
  if (/\.parquet$/i.test(file)) return 'parquet';
  if (/\.(arrow|arrows|feather|ipc)$/i.test(file)) return 'arrow';
  return undefined;
}

function columnNames(values: OptionValues): ColumnNames {
  const named = (flag: string, defaults: readonly string[]) => {
    const value = values[flag];
    return typeof value === 'string' ? [value] : defaults;
  };
  return {
    customer: named('customer-column', CUSTOMER_FIELDS),
    behaviour: named('behaviour-column', BEHAVIOUR_FIELDS),
    at: named('at-column', AT_FIELDS),
    weight: named('weight-column', ['weight']),
  };
}

export const score: Command = {
  name: 'score',
  summary: 'score every customer of an events file at one instant',
  usage:
    'engagekit score --model model.json --events events.csv|.ndjson|.parquet|.arrow --at <ISO 8601> [options]',
  help: `Scores every customer of an events file at one instant and writes one row per customer:
customer_id, score, segment, next_segment, next_change_at.

next_segment and next_change_at are the forecast: the segment the customer moves to, and the
exact instant (ISO 8601, UTC, to the millisecond) at which the move happens if nothing new
happens after --at; both are empty (null in JSON) when the segment never changes. Events after
--at are left out. With a hysteresis band in the model, each customer's current segment is
replayed from its own events.

Options:
  --model <file>        the model configuration (JSON, as parseModel accepts it)
  --events <file>       events as CSV with a header, NDJSON (.ndjson/.jsonl), Parquet
                        (.parquet) or Arrow IPC (.arrow/.arrows/.feather); - for stdin
                        (CSV or NDJSON) with --input-format. Fields: customer_id, behaviour,
                        occurred_at (ISO 8601 with a zone, epoch ms, or a Parquet/Arrow
                        timestamp of any unit), optional weight (null counts 1)
  --at <instant>        the instant to score at, e.g. 2026-11-01T12:00:00Z
  --format csv|json|ndjson  output format (default csv)
  --output <file>       write to a file instead of standard output; written to a temporary
                        file beside it and renamed when complete, so it is never partial
  --input-format csv|ndjson|parquet|arrow   format of --events when it has no telling
                        extension
  --delimiter <char>    the CSV field delimiter (default ,), e.g. ";" or "\t"
  --customer-column <name>   the customer id column (default customer_id, customerId, customer,
                        user_id or userId)
  --behaviour-column <name>  the behaviour column (default behaviour or behavior)
  --at-column <name>    the instant column (default occurred_at, at, timestamp or time)
  --weight-column <name>     the weight column (default weight; blank or missing counts 1)
  --ignore-unknown      leave out events of behaviours the model does not define; their
                        customers are still listed (score 0 if nothing else), as the SQL does
                        (default: report them as bad rows)
  --no-formula-guard    write CSV cells that start with = + - @ tab or CR as they are (default:
                        prefix them with ' so that a spreadsheet does not run them)
  --threads 1|2         threads for reading a CSV file and for the forecast: 2 has a helper
                        thread read the second part of the file and forecast part of the
                        customers, with the same results (default: 2 for files of 4 MiB or
                        more, or 100,000 events or more, on a machine with two cores or
                        more, else 1)
  --verbose             say on standard error what the run did: events, customers, the
                        threads that read and forecast them, the time of each step
  -h, --help            this help

Bad rows are reported with their line numbers (row numbers, from 1, in Parquet and Arrow) on standard error; nothing is written and the exit
code is 1.`,
  options: {
    model: { type: 'string' },
    events: { type: 'string' },
    at: { type: 'string' },
    format: { type: 'string', default: 'csv' },
    output: { type: 'string' },
    'input-format': { type: 'string' },
    'ignore-unknown': { type: 'boolean', default: false },
    delimiter: { type: 'string', default: ',' },
    'customer-column': { type: 'string' },
    'behaviour-column': { type: 'string' },
    'at-column': { type: 'string' },
    'weight-column': { type: 'string' },
    'no-formula-guard': { type: 'boolean', default: false },
    threads: { type: 'string' },
    verbose: { type: 'boolean', default: false },
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
    if (format !== 'csv' && format !== 'json' && format !== 'ndjson') {
      throw new UsageError('--format must be csv, json or ndjson');
    }
    const delimiter = values.delimiter === '\\t' ? '\t' : String(values.delimiter);
    if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 127 || /["\r\n]/.test(delimiter)) {
      throw new UsageError(
        '--delimiter must be one ASCII character other than a quote or a line break',
      );
    }
    const threads = values.threads;
    if (threads !== undefined && threads !== '1' && threads !== '2') {
      throw new UsageError('--threads must be 1 or 2');
    }
    await checkOutput(values.output as string | undefined);
    const inputFormat =
      (values['input-format'] as string | undefined) ??
      formatOf(eventsFile) ??
      columnarFormatOf(eventsFile);
    if (
      inputFormat !== 'csv' &&
      inputFormat !== 'ndjson' &&
      inputFormat !== 'parquet' &&
      inputFormat !== 'arrow'
    ) {
      throw new UsageError(
        '--events must end in .csv, .ndjson, .jsonl, .parquet, .arrow, .arrows or .feather, or pass --input-format csv|ndjson|parquet|arrow',
      );
    }
    if ((inputFormat === 'parquet' || inputFormat === 'arrow') && eventsFile === '-') {
      throw new UsageError(`--events: ${inputFormat} is read from a file, not standard input`);
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
    // The helper thread starts now, so that its start-up overlaps the reading.
    const helper =
      threads === '2' ||
      (threads === undefined && availableParallelism() >= 2 && sizeOf(eventsFile) >= HELPER_BYTES)
        ? startForecastHelper(new URL(import.meta.url), json)
        : undefined;
    const verbose = values.verbose === true;
    const say = (text: string) => {
      if (verbose) process.stderr.write(`engagekit score: ${text}\n`);
    };
    const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(2)} s`;
    const scoreEvents = async (): Promise<number> => {
      const readStart = performance.now();
      const bad = collectBadRows();
      const names = columnNames(values);
      const csv = inputFormat === 'csv';
      const ignoreUnknown = values['ignore-unknown'] === true;
      const expected = csv || inputFormat === 'ndjson' ? estimateRows(eventsFile) : 65_536;
      const rows = eventRows({
        file: eventsFile,
        model: compiled,
        names,
        ignoreUnknown,
        bad,
        expected,
        csv,
        typedIds: inputFormat === 'parquet',
      });
      const readThreads = await readEventsFile(rows, {
        file: eventsFile,
        format: inputFormat,
        names,
        delimiter: delimiter.charCodeAt(0),
        ignoreUnknown,
        expected,
        bad,
        helper,
      });
      if (bad.count > 0) {
        process.stderr.write(`${bad.report()}\n`);
        return 1;
      }

      // Every customer is scored (forecastColumns: one pass over the columns, then each customer's
      // sweep) before the first byte is written, so a failure writes nothing.
      // The ids' texts are made only for the output, after the forecast.
      const count = rows.customerCount;
      const columns = rows.sink.columns();
      const threadsText = (n: 1 | 2) => `${n} thread${n === 1 ? '' : 's'}`;
      say(
        `read ${columns.customer.length.toLocaleString('en-US')} events of ${count.toLocaleString('en-US')} customers in ${seconds(readStart)} (${threadsText(readThreads)})`,
      );
      const forecastStart = performance.now();
      // The rows' order (the ids as text, sorted) is made while the helper finishes its part.
      let order: Uint32Array | undefined;
      const sortIds = () => {
        order = idOrder(rows.customerIds);
      };
      const { forecast, threads: forecastThreads } =
        helper !== undefined && (threads === '2' || columns.customer.length >= PARALLEL_EVENTS)
          ? await forecastInParallel(helper, compiled, columns, at.millis, count, sortIds)
          : { forecast: forecastColumns(compiled, columns, at.millis, count), threads: 1 as const };
      say(`forecast in ${seconds(forecastStart)} (${threadsText(forecastThreads)})`);
      const writeStart = performance.now();
      await writeForecast(
        rows.customerIds,
        order ?? idOrder(rows.customerIds),
        forecast,
        format,
        values.output as string | undefined,
        { formulaGuard: values['no-formula-guard'] !== true },
      );
      say(`wrote ${count.toLocaleString('en-US')} rows in ${seconds(writeStart)}`);
      return 0;
    };
    try {
      return await scoreEvents();
    } finally {
      helper?.stop();
    }
  },
};
