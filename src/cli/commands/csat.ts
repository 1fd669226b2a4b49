import { csatFromCounts } from '../../survey/_lib/surveyStatistics.js';
import type { CsatResult } from '../../survey/CsatResult.js';
import { csat as csatOf } from '../../survey/csat.js';
import type { Command } from '../command.js';
import { numberFrom } from '../fields.js';
import { writeText } from '../output.js';
import {
  confidenceOption,
  percent,
  readResponses,
  rounded,
  surveyInputFormat,
  textOrJson,
} from '../readResponses.js';
import { checkOptions, oneFile, UsageError } from '../usage.js';

function scaleOption(value: unknown): [number, number] | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(-?\d+)\s*(?:\.\.|,)\s*(-?\d+)\s*$/.exec(String(value));
  if (match === null) {
    throw new UsageError(`--scale must be lowest..highest such as 1..5, got "${String(value)}"`);
  }
  return [Number(match[1]), Number(match[2])];
}

export const csat: Command = {
  name: 'csat',
  summary: 'customer satisfaction (top-box share) of rating answers, with a Wilson interval',
  usage: 'engagekit csat <file> [options]',
  help: `Computes customer satisfaction (CSAT): the percent of answers at or above a threshold (by
default the top-2-box, 4 and 5 on 1..5), with the mean, the distribution and a Wilson interval (the
library's csat function).

<file> is a plain text file with one answer a line (blank lines skipped), or a CSV with a header
(.csv) or NDJSON (.ndjson/.jsonl) with the answer in the "response" column, else "score"; - reads
standard input (text unless --input-format says otherwise). The file is streamed: only the count
of each answer is kept.

Options:
  --column <name>             the CSV/NDJSON column holding the answer (default response, else
                              score)
  --weight-column <name>      survey weights (>= 0) from this CSV/NDJSON column: weighted score,
                              mean and interval (Kish's effective sample size)
  --scale <lowest..highest>   the integer rating scale (default 1..5)
  --satisfied-at-least <n>    answers at or above n are satisfied (default highest - 1)
  --confidence <level>        confidence level of the interval, between 0 and 1 (default 0.95)
  --format text|json          output format (default text); json is the library's CsatResult
  --output <file>             write to a file instead of standard output
  --input-format text|csv|ndjson  format of <file> when its extension does not tell
  -h, --help                  this help

Bad rows (not a number, not a whole number, off the scale, missing column) are reported with their
line numbers on standard error, nothing is written and the exit code is 1.`,
  options: {
    column: { type: 'string' },
    'weight-column': { type: 'string' },
    scale: { type: 'string' },
    'satisfied-at-least': { type: 'string' },
    confidence: { type: 'string' },
    format: { type: 'string', default: 'text' },
    output: { type: 'string' },
    'input-format': { type: 'string' },
  },
  positional: true,
  async run(values, positionals) {
    const file = oneFile(positionals, 'file of answers');
    const format = textOrJson(values.format);
    const inputFormat = surveyInputFormat(file, values['input-format']);
    const confidence = confidenceOption(values.confidence);
    const scale = scaleOption(values.scale);
    const thresholdText = values['satisfied-at-least'];
    const threshold = thresholdText === undefined ? undefined : numberFrom(thresholdText);
    if (thresholdText !== undefined && threshold === undefined) {
      throw new UsageError(`--satisfied-at-least must be a number, got "${String(thresholdText)}"`);
    }
    const options = {
      ...(scale === undefined ? {} : { scale }),
      ...(threshold === undefined ? {} : { satisfiedAtLeast: threshold }),
      ...(confidence === undefined ? {} : { confidence }),
    };
    const [lowest, highest] = scale ?? [1, 5];
    checkOptions(() => csatOf([lowest], options), {
      scale: '--scale',
      satisfiedAtLeast: '--satisfied-at-least',
      confidence: '--confidence',
    });

    const read = await readResponses(
      file,
      inputFormat,
      values.column as string | undefined,
      lowest,
      highest,
      values['weight-column'] as string | undefined,
    );
    if (read === undefined) return 1;
    const { counts, n } = read;
    if (n === 0) {
      process.stderr.write(
        `engagekit csat: ${file} has no answers; there is no score of nothing\n`,
      );
      return 1;
    }
    // csat() itself needs every answer in an array; from the counts, the same result.
    const satisfiedAtLeast = threshold ?? highest - 1;
    const level = confidence ?? 0.95;
    const result: CsatResult = csatFromCounts(
      counts,
      lowest,
      highest,
      satisfiedAtLeast,
      level,
      read.weighted,
    );
    const { satisfied } = result;
    if (format === 'json') {
      await writeText(`${JSON.stringify(result, null, 2)}\n`, values.output as string | undefined);
      return 0;
    }
    await writeText(
      `${[
        `CSAT          ${rounded(result.score)}% (answers ${satisfiedAtLeast} and above on ${lowest}..${highest})`,
        `interval      ${rounded(result.interval.lower)}% to ${rounded(result.interval.upper)}% (${rounded(100 * level, 4)}% confidence, Wilson)`,
        `responses     ${n}`,
        `satisfied     ${satisfied} (${percent(satisfied / n)})`,
        `mean          ${rounded(result.mean)}`,
        `distribution  ${result.distribution.map(({ value, count }) => `${value}: ${count}`).join(', ')}`,
        ...(read.weighted === undefined
          ? []
          : [
              `weighted      by "${values['weight-column']}": score and mean weighted, effective sample size ${rounded(result.effectiveSampleSize)}`,
            ]),
      ].join('\n')}\n`,
      values.output as string | undefined,
    );
    return 0;
  },
};
