import {
  addWeight,
  createWeightTally,
  finishWeights,
  type PointWeights,
} from '../survey/_lib/surveyStatistics.js';
import { collectBadRows } from './badRows.js';
import { field, numberFrom } from './fields.js';
import { formatOf, readLines, readRecords } from './readRecords.js';
import { UsageError } from './usage.js';

export type SurveyInputFormat = 'text' | 'csv' | 'ndjson';

/** The columns a survey answer is looked for in, when `--column` is not given. */
export const RESPONSE_FIELDS = ['response', 'score'] as const;

/** The input format of a survey file: `--input-format`, else .csv / .ndjson / .jsonl, else text. */
export function surveyInputFormat(file: string, option: unknown): SurveyInputFormat {
  if (option === undefined) return formatOf(file) ?? 'text';
  if (option === 'text' || option === 'csv' || option === 'ndjson') return option;
  throw new UsageError('--input-format must be text, csv or ndjson');
}

/**
 * Streams survey answers and counts them per scale point (`counts[k]` answers equal to
 * `lowest + k`), so memory does not grow with the file. A plain text file has one answer a line
 * (blank lines skipped); a CSV or NDJSON file has it in `column` (default `response`, else
 * `score`). With `weightColumn` (CSV or NDJSON only), each answer's survey weight is read from that
 * column and summed per scale point (compensated), with the sum of squared weights for Kish's
 * effective sample size. Every bad row is reported with its line number; resolves to `undefined`
 * then.
 */
export async function readResponses(
  file: string,
  format: SurveyInputFormat,
  column: string | undefined,
  lowest: number,
  highest: number,
  weightColumn?: string,
): Promise<{ counts: Float64Array; n: number; weighted?: PointWeights } | undefined> {
  if (weightColumn !== undefined && format === 'text') {
    throw new UsageError('--weight-column needs a CSV or NDJSON file (a text file has no columns)');
  }
  const points = highest - lowest + 1;
  const counts = new Float64Array(points);
  const tally = createWeightTally(points);
  let n = 0;
  const bad = collectBadRows();
  const names = column === undefined ? RESPONSE_FIELDS : [column];
  const missing =
    column === undefined
      ? 'no "response" or "score" field; choose the column with --column'
      : `"${column}" is missing`;
  const take = (line: number, value: unknown, present = true, weightValue?: unknown) => {
    if (value === undefined || value === null) {
      bad.add(file, line, present ? 'the answer is empty; drop unanswered rows first' : missing);
      return;
    }
    const answer = numberFrom(value);
    if (answer === undefined) {
      bad.add(file, line, `${JSON.stringify(value)} is not a number`);
      return;
    }
    if (!Number.isInteger(answer)) {
      bad.add(file, line, `${answer} is not a whole number; answers are integers`);
      return;
    }
    if (answer < lowest || answer > highest) {
      bad.add(file, line, `${answer} is outside the scale ${lowest}..${highest}`);
      return;
    }
    if (weightColumn !== undefined) {
      if (weightValue === undefined || weightValue === null) {
        bad.add(file, line, `the weight ("${weightColumn}") is missing`);
        return;
      }
      const weight = numberFrom(weightValue);
      if (weight === undefined || weight < 0) {
        bad.add(
          file,
          line,
          `the weight ${JSON.stringify(weightValue)} is not a finite number >= 0`,
        );
        return;
      }
      addWeight(tally, answer - lowest, weight);
    }
    counts[answer - lowest]!++;
    n++;
  };
  if (format === 'text') {
    for await (const { line, text } of readLines(file, (line, message) =>
      bad.add(file, line, message),
    ))
      take(line, text);
  } else {
    for await (const { line, fields } of readRecords(file, format, (line, message) =>
      bad.add(file, line, message),
    )) {
      take(
        line,
        field(fields, names),
        names.some((name) => name in fields),
        weightColumn === undefined ? undefined : field(fields, [weightColumn]),
      );
    }
  }
  if (bad.count > 0) {
    process.stderr.write(`${bad.report()}\n`);
    return undefined;
  }
  if (weightColumn === undefined) return { counts, n };
  const weighted = finishWeights(tally);
  if (n > 0 && weighted.total === 0) {
    process.stderr.write(
      `${file}: every weight in "${weightColumn}" is 0, so no answer counts; give at least one a positive weight\n`,
    );
    return undefined;
  }
  return { counts, n, weighted };
}

/** A `--confidence` value as a number, or a usage error. */
export function confidenceOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const number = numberFrom(value);
  if (number === undefined) {
    throw new UsageError(`--confidence must be a number such as 0.95, got "${String(value)}"`);
  }
  return number;
}

/** A `--format` value for the survey and retention commands. */
export function textOrJson(value: unknown): 'text' | 'json' {
  if (value === 'text' || value === 'json') return value;
  throw new UsageError('--format must be text or json');
}

/** Rounds for text output: at most `digits` decimals, without trailing zeros. */
export function rounded(value: number, digits = 2): string {
  return String(Number(value.toFixed(digits)));
}

/** A share 0..1 as a percentage with one decimal. */
export function percent(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}
