import { npsSummary, npsTally } from '../../survey/_lib/npsSummary.js';
import type { NpsIntervalMethod } from '../../survey/NpsResult.js';
import { nps as npsOf } from '../../survey/nps.js';
import type { Command } from '../command.js';
import { writeText } from '../output.js';
import {
  confidenceOption,
  percent,
  readResponses,
  rounded,
  surveyInputFormat,
  textOrJson,
} from '../readResponses.js';
import { checkOptions, oneFile } from '../usage.js';

export const nps: Command = {
  name: 'nps',
  summary: 'Net Promoter Score of 0-10 answers, with its confidence interval',
  usage: 'engagekit nps <file> [options]',
  help: `Computes the Net Promoter Score of 0-10 "how likely are you to recommend us?" answers:
%promoters (9-10) - %detractors (0-6), with its margin of error and confidence interval
(the library's nps function).

<file> is a plain text file with one answer a line (blank lines skipped), or a CSV with a header
(.csv) or NDJSON (.ndjson/.jsonl) with the answer in the "response" column, else "score"; - reads
standard input (text unless --input-format says otherwise). The file is streamed: only the count
of each answer is kept.

Options:
  --column <name>           the CSV/NDJSON column holding the answer (default response, else score)
  --weight-column <name>    survey weights (>= 0) from this CSV/NDJSON column: weighted shares,
                            interval on Kish's effective sample size
  --confidence <level>      confidence level of the interval, between 0 and 1 (default 0.95)
  --method wald|adjustedWald  how the interval is computed (default wald; adjustedWald for small
                            samples)
  --format text|json        output format (default text); json is the library's NpsResult
  --output <file>           write to a file instead of standard output
  --input-format text|csv|ndjson  format of <file> when its extension does not tell
  -h, --help                this help

Bad rows (not a number, not a whole number, outside 0..10, missing column) are reported with their
line numbers on standard error, nothing is written and the exit code is 1.`,
  options: {
    column: { type: 'string' },
    'weight-column': { type: 'string' },
    confidence: { type: 'string' },
    method: { type: 'string' },
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
    const options = {
      ...(confidence === undefined ? {} : { confidence }),
      ...(values.method === undefined ? {} : { method: values.method as NpsIntervalMethod }),
    };
    checkOptions(() => npsOf([10], options), {
      confidence: '--confidence',
      method: '--method',
    });

    const read = await readResponses(
      file,
      inputFormat,
      values.column as string | undefined,
      0,
      10,
      values['weight-column'] as string | undefined,
    );
    if (read === undefined) return 1;
    if (read.n === 0) {
      process.stderr.write(`engagekit nps: ${file} has no answers; there is no score of nothing\n`);
      return 1;
    }
    const { counts } = read;
    const weighted = read.weighted;
    // The same result as nps() on the answers themselves (and their weights): the same tally of
    // counts and weights per point.
    const result = npsSummary(
      npsTally(counts, weighted),
      options.confidence ?? 0.95,
      options.method ?? 'wald',
    );
    if (format === 'json') {
      await writeText(`${JSON.stringify(result, null, 2)}\n`, values.output as string | undefined);
      return 0;
    }
    const level = `${rounded(100 * result.confidence, 4)}%`;
    await writeText(
      `${[
        `NPS         ${rounded(result.score)}`,
        `interval    ${rounded(result.interval.lower)} to ${rounded(result.interval.upper)} (${level} confidence, ${result.method}, margin of error ${rounded(result.marginOfError)})`,
        `responses   ${result.n}`,
        `promoters   ${result.promoters} (${percent(result.promoterRate)})`,
        `passives    ${result.passives} (${percent(result.passiveRate)})`,
        `detractors  ${result.detractors} (${percent(result.detractorRate)})`,
        ...(weighted === undefined
          ? []
          : [
              `weighted    by "${values['weight-column']}": shares weighted, effective sample size ${rounded(result.effectiveSampleSize)}`,
            ]),
      ].join('\n')}\n`,
      values.output as string | undefined,
    );
    return 0;
  },
};
