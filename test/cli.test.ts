import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  csat,
  type EngagementEvent,
  forecast,
  nps,
  parseModel,
  retention,
  scoreAt,
} from '../src/index.js';
import { buildCli } from './buildCli.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test/fixtures/cli');
let dir: string;
let cli: string;

beforeAll(async () => {
  ({ dir, cli } = await buildCli('cli'));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: fixtures,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 2 ** 20,
    input,
    env: { ...process.env, CI: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const AT = ['--at', '2026-11-01T12:00:00Z'];

describe('engagekit score', () => {
  // ada: purchase 60 days old 50 * 60/120 = 25, click 7 days old 25 * 7/14 = 12.5: 37.5, high.
  // The score then falls by 50/120 + 25/14 = 185/84 points a day and reaches 30 (still high) after
  // 7.5 * 84/185 = 126/37 days = 294_227_027.03 ms, so ada is low from 294_227_028 ms after --at:
  // 2026-11-01T12:00:00Z + 294_227.028 s = 2026-11-04T21:43:47.028Z. bo's purchase ended exactly at
  // --at and cy's visits only fade towards 0: no change (empty cells).
  it('writes customer, score, segment and the next segment change as CSV', () => {
    const { code, stdout, stderr } = run([
      'score',
      '--model',
      'model.json',
      '--events',
      'events.csv',
      ...AT,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      'customer_id,score,segment,next_segment,next_change_at\n' +
        'ada,37.5,high,low,2026-11-04T21:43:47.028Z\n' +
        'bo,0,disengaged,,\n' +
        '"cy, the third",5,disengaged,,\n',
    );
  });

  it('reads NDJSON and writes JSON with the same numbers', () => {
    const { code, stdout } = run([
      'score',
      '--model',
      'model.json',
      '--events',
      'events.ndjson',
      ...AT,
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      {
        customer_id: 'ada',
        score: 37.5,
        segment: 'high',
        next_segment: 'low',
        next_change_at: '2026-11-04T21:43:47.028Z',
      },
      {
        customer_id: 'bo',
        score: 0,
        segment: 'disengaged',
        next_segment: null,
        next_change_at: null,
      },
    ]);
  });

  it('reads standard input with --events - and --input-format', () => {
    const input = readFileSync(join(fixtures, 'events.csv'), 'utf8');
    const { code, stdout } = run(
      ['score', '--model', 'model.json', '--events', '-', '--input-format', 'csv', ...AT],
      input,
    );
    expect(code).toBe(0);
    expect(stdout.split('\n')[1]).toBe('ada,37.5,high,low,2026-11-04T21:43:47.028Z');
  });

  // With band 5, high is left only below 30 - 5 = 25. ada reaches 25 after 12.5 * 84/185 = 210/37
  // days = 490_378_378.38 ms: low from 490_378_379 ms after --at, 2026-11-07T04:12:58.379Z. dee's
  // purchase (55 days old: 50 * 65/120 = 27.08) was high when new and stays high in the band, until
  // 25 exactly on day 60 (2026-11-06T12:00:00Z); low one millisecond later. dee's visit after --at
  // is left out.
  it('forecasts with the hysteresis band, replaying each customer from its own events', () => {
    const { code, stdout, stderr } = run([
      'score',
      '--model',
      'model-band.json',
      '--events',
      'events-band.csv',
      ...AT,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      'customer_id,score,segment,next_segment,next_change_at\n' +
        'ada,37.5,high,low,2026-11-07T04:12:58.379Z\n' +
        'dee,27.083333333333332,high,low,2026-11-06T12:00:00.001Z\n',
    );
  });

  it('reports every bad row with its line number, writes nothing and exits 1', () => {
    const { code, stdout, stderr } = run([
      'score',
      '--model',
      'model.json',
      '--events',
      'bad-events.csv',
      ...AT,
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('bad-events.csv:3: behaviour "webinar" is not in the model');
    expect(stderr).toContain(
      'bad-events.csv:4: occurred_at: "yesterday" is not an ISO 8601 instant',
    );
    expect(stderr).toContain(
      'bad-events.csv:5: occurred_at: "2026-07-04T12:00:00" has no time zone',
    );
    expect(stderr).toContain('bad-events.csv:6: weight "lots" is not a finite number');
    expect(stderr).toContain('bad-events.csv:7: customer_id is missing');
    expect(stderr).toContain('5 bad rows; nothing was written');
  });

  it('leaves out unknown behaviours with --ignore-unknown but still reports the other bad rows', () => {
    const { code, stderr } = run([
      'score',
      '--model',
      'model.json',
      '--events',
      'bad-events.csv',
      ...AT,
      '--ignore-unknown',
    ]);
    expect(code).toBe(1);
    expect(stderr).not.toContain('webinar');
    expect(stderr).toContain('4 bad rows');
  });

  it('explains a missing option and exits 2', () => {
    const { code, stderr } = run(['score', '--model', 'model.json', ...AT]);
    expect(code).toBe(2);
    expect(stderr).toContain('--events <file> is required');
    expect(stderr).toContain('Usage: engagekit score');
  });

  it('refuses an --at without a time zone', () => {
    const { code, stderr } = run([
      'score',
      '--model',
      'model.json',
      '--events',
      'events.csv',
      '--at',
      '2026-11-01T12:00',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('has no time zone');
  });

  it('refuses a model file that is not JSON', () => {
    const { code, stderr } = run([
      'score',
      '--model',
      'events.csv',
      '--events',
      'events.csv',
      ...AT,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('cannot read events.csv as JSON');
  });

  it('reports an invalid model with the field that is wrong and exits 1', () => {
    const { code, stderr } = run([
      'score',
      '--model',
      'bad-model.json',
      '--events',
      'events.csv',
      ...AT,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('parseModel: segments.high must be greater than low');
  });

  it('reports a missing file and exits 1', () => {
    const { code, stderr } = run(['score', '--model', 'model.json', '--events', 'nope.csv', ...AT]);
    expect(code).toBe(1);
    expect(stderr).toContain('nope.csv');
  });

  it('prints its help with --help', () => {
    const { code, stdout } = run(['score', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--ignore-unknown');
  });
});

// The big file: 200_000 events of 5_000 customers, interleaved (a customer's events are spread
// over the whole file), some after --at. The CLI keeps a few typed columns per event and builds
// one customer's event objects only while scoring it; the answer must be the library's.
describe('engagekit score on a generated file of 200 000 rows', () => {
  it('streams it and writes for every customer what scoreAt and forecast give', () => {
    const at = Date.parse('2026-11-01T12:00:00Z');
    const day = 86_400_000;
    const behaviours = ['emailClick', 'purchase', 'siteVisit'];
    const customers = 5_000;
    let seed = 42;
    const random = () => {
      // A 32-bit linear congruential generator (Numerical Recipes): deterministic rows.
      seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
      return seed / 4_294_967_296;
    };
    const byCustomer = new Map<string, EngagementEvent[]>();
    const lines = ['customer_id,behaviour,occurred_at,weight'];
    for (let i = 0; i < 200_000; i++) {
      const customer = `c${String(i % customers).padStart(4, '0')}`;
      const behaviour = behaviours[Math.floor(random() * 3)]!;
      const when = at - Math.floor(random() * 200 * day) + (random() < 0.05 ? 30 * day : 0);
      const weight = random() < 0.2 ? 2 : 1;
      lines.push(`${customer},${behaviour},${new Date(when).toISOString()},${weight}`);
      const events = byCustomer.get(customer) ?? [];
      if (events.length === 0) byCustomer.set(customer, events);
      if (['c0000', 'c0001', 'c1234', 'c4999'].includes(customer)) {
        events.push({ behaviour, at: when, weight });
      }
    }
    const eventsFile = join(dir, 'big-events.csv');
    const outputFile = join(dir, 'big-scores.csv');
    writeFileSync(eventsFile, `${lines.join('\n')}\n`);
    lines.length = 0;

    const { code, stderr } = run([
      'score',
      '--model',
      'model.json',
      '--events',
      eventsFile,
      ...AT,
      '--output',
      outputFile,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = readFileSync(outputFile, 'utf8').trimEnd().split('\n');
    expect(rows[0]).toBe('customer_id,score,segment,next_segment,next_change_at');
    expect(rows).toHaveLength(customers + 1);
    expect(rows[1]?.startsWith('c0000,')).toBe(true);
    expect(rows[customers]?.startsWith('c4999,')).toBe(true);

    const model = parseModel(JSON.parse(readFileSync(join(fixtures, 'model.json'), 'utf8')));
    for (const id of ['c0000', 'c0001', 'c1234', 'c4999']) {
      const events = byCustomer.get(id)!;
      expect(events).toHaveLength(40);
      const expected = forecast(model, events, at);
      expect(expected.score).toBe(scoreAt(model, events, at));
      const row = rows.find((line) => line.startsWith(`${id},`))!.split(',');
      expect(row).toEqual([
        id,
        String(expected.score),
        expected.segment,
        expected.next?.segment ?? '',
        expected.next === null ? '' : new Date(expected.next.at).toISOString(),
      ]);
    }
  }, 120_000);
});

describe('engagekit score writes its CSV a chunk of bytes at a time', () => {
  it('writes the same bytes to standard output and to a file, many chunks long, each row what the NDJSON output holds', () => {
    const at = Date.parse('2026-11-01T12:00:00Z');
    const day = 86_400_000;
    // Ids that need quoting, the formula guard or more than one byte a character, and ones longer
    // than a chunk (64 KiB) in bytes, though not all in characters, among plain ones.
    const odd = [
      'a,b',
      'say "hi"',
      '=SUM(A1)',
      '+1',
      '-2',
      '@x',
      'zo\u00eb',
      '\u{1F642} smile',
      'x'.repeat(70_000),
      '\u00e9'.repeat(30_000),
      '\u20ac'.repeat(25_000),
    ];
    const ids = Array.from({ length: 4_000 }, (_, c) => {
      const id = odd[c % 37];
      return id === undefined ? `c${c}` : `${id}${c}`;
    });
    const behaviours = ['emailClick', 'purchase', 'siteVisit'];
    const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
    const lines = ['customer_id,behaviour,occurred_at'];
    ids.forEach((id, c) => {
      for (let k = 0; k < 3; k++) {
        const when = new Date(at - ((c * 7 + k * 13) % 150) * day - c).toISOString();
        lines.push(`${quote(id)},${behaviours[(c + k) % 3]},${when}`);
      }
    });
    const eventsFile = join(dir, 'chunk-events.csv');
    const outputFile = join(dir, 'chunk-scores.csv');
    writeFileSync(eventsFile, `${lines.join('\n')}\n`);
    const args = ['score', '--model', 'model.json', '--events', eventsFile, ...AT];
    const toFile = run([...args, '--output', outputFile]);
    expect(toFile.stderr).toBe('');
    expect(toFile.code).toBe(0);
    const written = readFileSync(outputFile, 'utf8');
    expect(written.length).toBeGreaterThan(3 * 65_536);
    const toStdout = run(args);
    expect(toStdout.code).toBe(0);
    expect(toStdout.stdout).toBe(written);
    // Parsed by csv-parse, every row is the NDJSON row (the formula guard's quote aside).
    const records = parseCsv(written, { columns: true }) as Record<string, string>[];
    const rows = run([...args, '--format', 'ndjson'])
      .stdout.trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, string | number | null>);
    expect(records).toHaveLength(ids.length);
    expect(rows).toHaveLength(ids.length);
    records.forEach((record, k) => {
      const row = rows[k]!;
      const id = String(row.customer_id);
      expect(record.customer_id).toBe(/^[=+\-@\t\r]/.test(id) ? `'${id}` : id);
      expect(record.score).toBe(String(row.score));
      expect(record.segment).toBe(row.segment);
      expect(record.next_segment).toBe(row.next_segment ?? '');
      expect(record.next_change_at).toBe(row.next_change_at ?? '');
    });
  }, 120_000);
});

/** The answers of nps.txt and nps.ndjson: the nps documentation example. */
const NPS_ANSWERS = [10, 9, 9, 10, 8, 7, 6, 3, 10, 9];
/** The answers of csat.csv: Delighted's example, 42 fives, 32 fours, 10 threes, 9 twos, 14 ones. */
const CSAT_ANSWERS = [
  ...Array<number>(42).fill(5),
  ...Array<number>(32).fill(4),
  ...Array<number>(10).fill(3),
  ...Array<number>(9).fill(2),
  ...Array<number>(14).fill(1),
];

describe('engagekit nps', () => {
  // 6 promoters, 2 passives, 2 detractors: 60% - 20% = 40; margin 1.959964 * 100 *
  // sqrt((0.6 + 0.2 - 0.4^2) / 10) = 1.959964 * 25.2982 = 49.58 (the nps documentation example).
  it('reads one answer a line and prints the score, interval and counts', () => {
    const { code, stdout, stderr } = run(['nps', 'nps.txt']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'NPS         40',
        'interval    -9.58 to 89.58 (95% confidence, wald, margin of error 49.58)',
        'responses   10',
        'promoters   6 (60.0%)',
        'passives    2 (20.0%)',
        'detractors  2 (20.0%)',
        '',
      ].join('\n'),
    );
  });

  it('reads the --column of NDJSON and writes JSON equal to the library nps', () => {
    const { code, stdout } = run(['nps', 'nps.ndjson', '--column', 'rating', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(nps(NPS_ANSWERS));
  });

  it('passes --confidence and --method to nps', () => {
    const { code, stdout } = run([
      'nps',
      'nps.txt',
      '--confidence',
      '0.9',
      '--method',
      'adjustedWald',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(
      nps(NPS_ANSWERS, { confidence: 0.9, method: 'adjustedWald' }),
    );
  });

  it('reads standard input as text with -', () => {
    const { code, stdout } = run(['nps', '-', '--format', 'json'], '10\n0\n\n8\n');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).score).toBe(0);
  });

  it('reports every bad answer with its line number, writes nothing and exits 1', () => {
    const { code, stdout, stderr } = run(['nps', 'bad-nps.txt']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('bad-nps.txt:2: "eleven" is not a number');
    expect(stderr).toContain('bad-nps.txt:3: 11 is outside the scale 0..10');
    expect(stderr).toContain('bad-nps.txt:4: 7.5 is not a whole number');
    expect(stderr).toContain('3 bad rows; nothing was written');
  });

  it('reports rows without the answer column and suggests --column', () => {
    const { code, stderr } = run(['nps', 'nps.ndjson']);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'nps.ndjson:1: no "response" or "score" field; choose the column with --column',
    );
    expect(stderr).toContain('10 bad rows');
  });

  it('reports an empty answer cell as a bad row', () => {
    const { code, stderr } = run(['nps', 'blank-nps.csv']);
    expect(code).toBe(1);
    expect(stderr).toContain('blank-nps.csv:3: the answer is empty');
    expect(stderr).toContain('1 bad row;');
  });

  it('refuses a file without answers with exit 1', () => {
    const { code, stderr } = run(['nps', '-'], '\n\n');
    expect(code).toBe(1);
    expect(stderr).toContain('has no answers');
  });

  it('refuses a bad --confidence or --method naming the flag, with exit 2', () => {
    const confidence = run(['nps', 'nps.txt', '--confidence', '2']);
    expect(confidence.code).toBe(2);
    expect(confidence.stderr).toContain('--confidence: nps: options.confidence must be between 0');
    const method = run(['nps', 'nps.txt', '--method', 'exact']);
    expect(method.code).toBe(2);
    expect(method.stderr).toContain('--method: nps: options.method');
    expect(run(['nps', 'nps.txt', '--confidence', 'high']).code).toBe(2);
  });

  it('refuses a missing file argument with exit 2 and a missing file with exit 1', () => {
    expect(run(['nps']).code).toBe(2);
    expect(run(['nps', 'nps.txt', 'nps.txt']).code).toBe(2);
    const missing = run(['nps', 'nope.txt']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.txt');
  });
});

describe('engagekit csat', () => {
  // 74 of 107 answers are 4 or 5: 69.16%. Wilson, z = 1.959964, p = 0.69159: centre
  // (p + z^2 / 214) / (1 + z^2 / 107) = 0.68495, half-width z * sqrt(p (1 - p) / 107 +
  // z^2 / 45796) / (1 + z^2 / 107) = 0.08622: 59.87% to 77.12% (hand computation). Mean
  // (5 * 42 + 4 * 32 + 3 * 10 + 2 * 9 + 14) / 107 = 400 / 107 = 3.74.
  it('reads the score column of a CSV and prints the score, interval, mean and distribution', () => {
    const { code, stdout, stderr } = run(['csat', 'csat.csv']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'CSAT          69.16% (answers 4 and above on 1..5)',
        'interval      59.87% to 77.12% (95% confidence, Wilson)',
        'responses     107',
        'satisfied     74 (69.2%)',
        'mean          3.74',
        'distribution  1: 14, 2: 9, 3: 10, 4: 32, 5: 42',
        '',
      ].join('\n'),
    );
  });

  it('writes JSON equal to the library csat, with --satisfied-at-least and --confidence', () => {
    const { code, stdout } = run([
      'csat',
      'csat.csv',
      '--satisfied-at-least',
      '5',
      '--confidence',
      '0.9',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(
      csat(CSAT_ANSWERS, { satisfiedAtLeast: 5, confidence: 0.9 }),
    );
    expect(JSON.parse(run(['csat', 'csat.csv', '--format', 'json']).stdout)).toEqual(
      csat(CSAT_ANSWERS),
    );
  });

  it('takes another --scale', () => {
    const { code, stdout } = run(['csat', 'nps.txt', '--scale', '0..10', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(csat(NPS_ANSWERS, { scale: [0, 10] }));
  });

  it('reports answers off the scale with their line numbers and exits 1', () => {
    const { code, stdout, stderr } = run(['csat', 'bad-nps.txt', '--scale', '0..10']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('bad-nps.txt:3: 11 is outside the scale 0..10');
    expect(run(['csat', 'nps.txt']).stderr).toContain('nps.txt:1: 10 is outside the scale 1..5');
  });

  it('refuses a threshold off the scale or a malformed scale naming the flag, with exit 2', () => {
    const threshold = run(['csat', 'csat.csv', '--satisfied-at-least', '7']);
    expect(threshold.code).toBe(2);
    expect(threshold.stderr).toContain(
      '--satisfied-at-least: csat: options.satisfiedAtLeast (7) must be on the scale 1..5',
    );
    const reversed = run(['csat', 'csat.csv', '--scale', '5..1']);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain('--scale: csat: options.scale');
    expect(run(['csat', 'csat.csv', '--scale', 'five']).stderr).toContain(
      '--scale must be lowest..highest',
    );
  });
});

/** Every row of an activity fixture, as the library takes them. */
function activityOf(file: string) {
  return readFileSync(join(fixtures, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [userId, at] = line.split(',') as [string, string];
      return { userId, at: Date.parse(at) };
    });
}

describe('engagekit retention', () => {
  // The retention documentation example plus a second visit of ann on 2 March. As of the latest
  // activity (bob, 4 March 08:00 UTC): cy started on 3 March, so its day 1 is not over and it is not
  // eligible; ann came back on day 1, bob only on day 3.
  it('prints a table as of the latest activity in the file', () => {
    const { code, stdout, stderr } = run(['retention', 'activity.csv', '--days', '1,2']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'Retention as of 2026-03-04T08:00:00.000Z (days in UTC, mode on)',
        'day  eligible  retained   rate',
        '  1         2         1  50.0%',
        '  2         2         0   0.0%',
        '',
      ].join('\n'),
    );
  });

  // activity.ndjson holds the rows of activity.csv but ann's second visit of 2 March, which is on
  // a day she was already active (UTC), so the result is the library's on all of activity.csv.
  it('reads NDJSON and writes JSON equal to the library retention on every row', () => {
    const { code, stdout } = run([
      'retention',
      'activity.ndjson',
      '--days',
      '1,2,3',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const asOf = Date.parse('2026-03-04T08:00:00Z');
    expect(JSON.parse(stdout)).toEqual({
      asOf: '2026-03-04T08:00:00.000Z',
      timeZone: 'UTC',
      mode: 'on',
      rows: retention(activityOf('activity.csv'), { days: [1, 2, 3], asOf }),
    });
  });

  // In Tokyo (UTC+9) ann's 18:30 UTC visit of 2 March is on 3 March, her day 2; bob starts on
  // 2 March. As of 5 March 00:00 UTC (09:00 in Tokyo): day 1 ann yes, bob no, cy (day 0 3 March)
  // no: 1 of 3; day 2 ann yes, bob (4 March 17:00) yes, cy not over: 2 of 2; day 30: nobody, rate -.
  it('counts calendar days in --time-zone as of --as-of, and shows - when nobody is eligible', () => {
    const args = ['retention', 'activity.csv', '--days', '1,2,30', '--time-zone', 'Asia/Tokyo'];
    const asOf = ['--as-of', '2026-03-05T00:00:00Z'];
    const { code, stdout } = run([...args, ...asOf]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'Retention as of 2026-03-05T00:00:00.000Z (days in Asia/Tokyo, mode on)',
        'day  eligible  retained    rate',
        '  1         3         1   33.3%',
        '  2         2         2  100.0%',
        ' 30         0         0       -',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(run([...args, ...asOf, '--format', 'json']).stdout);
    expect(json.rows).toEqual(
      retention(activityOf('activity.csv'), {
        days: [1, 2, 30],
        asOf: Date.parse('2026-03-05T00:00:00Z'),
        timeZone: 'Asia/Tokyo',
      }),
    );
  });

  it('gives the library result on every row for each mode, zone and as-of', () => {
    const activity = activityOf('activity.csv');
    for (const mode of ['on', 'onOrAfter'] as const) {
      for (const timeZone of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles']) {
        for (const asOf of [
          '2026-03-02T12:00:00Z',
          '2026-03-03T23:00:00Z',
          '2026-04-01T00:00:00Z',
        ]) {
          const { code, stdout } = run([
            'retention',
            'activity.csv',
            '--days',
            '0,1,2,3',
            '--mode',
            mode,
            '--time-zone',
            timeZone,
            '--as-of',
            asOf,
            '--format',
            'json',
          ]);
          expect(code).toBe(0);
          expect(JSON.parse(stdout).rows).toEqual(
            retention(activity, { days: [0, 1, 2, 3], mode, timeZone, asOf: Date.parse(asOf) }),
          );
        }
      }
    }
  }, 60_000);

  it('counts a return on day N or later with --mode onOrAfter', () => {
    const { code, stdout } = run([
      'retention',
      'activity.csv',
      '--days',
      '1',
      '--mode',
      'onOrAfter',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('  1         2         2  100.0%');
  });

  it('reports every bad row with its line number, writes nothing and exits 1', () => {
    const { code, stdout, stderr } = run(['retention', 'bad-activity.csv', '--days', '1']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('bad-activity.csv:3: user_id is missing');
    expect(stderr).toContain('bad-activity.csv:4: at: "last tuesday" is not an ISO 8601 instant');
    expect(stderr).toContain('bad-activity.csv:5: at: "2026-03-04T08:00:00" has no time zone');
    expect(stderr).toContain(
      'bad-activity.csv:6: at: 100000000000000000000 is outside the range of dates',
    );
    expect(stderr).toContain('bad-activity.csv:7: at: missing; every row needs one');
    expect(stderr).toContain('5 bad rows; nothing was written');
  });

  it('refuses bad --days, --mode, --time-zone and --as-of with exit 2', () => {
    const missing = run(['retention', 'activity.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--days is required');
    expect(run(['retention', 'activity.csv', '--days', '1,x']).stderr).toContain(
      '--days must be whole numbers',
    );
    expect(run(['retention', 'activity.csv', '--days', '100001']).stderr).toContain(
      '--days: retention: options.days[0] must be at most 100000',
    );
    const mode = run(['retention', 'activity.csv', '--days', '1', '--mode', 'sometimes']);
    expect(mode.code).toBe(2);
    expect(mode.stderr).toContain('--mode must be on, onOrAfter or within');
    const zone = run(['retention', 'activity.csv', '--days', '1', '--time-zone', 'Mars/Olympus']);
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('--time-zone: retention: options.timeZone must be an IANA');
    const asOf = run(['retention', 'activity.csv', '--days', '1', '--as-of', '2026-03-05T00:00']);
    expect(asOf.code).toBe(2);
    expect(asOf.stderr).toContain('--as-of: "2026-03-05T00:00" has no time zone');
  });

  it('refuses a file without activity with exit 1', () => {
    const { code, stderr } = run(
      ['retention', '-', '--input-format', 'csv', '--days', '1'],
      'user_id,at\n',
    );
    expect(code).toBe(1);
    expect(stderr).toContain('has no activity rows');
  });
});

describe('engagekit', () => {
  it('lists its commands with --help', () => {
    const { code, stdout } = run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Commands:\n {2}score .*\n {2}nps .*\n {2}csat .*\n {2}retention /);
  });

  it.each([
    ['score', '--ignore-unknown'],
    ['nps', '--method wald|adjustedWald'],
    ['csat', '--satisfied-at-least <n>'],
    ['retention', 'engagekit never\n                            reads the clock'],
  ])('prints the help of %s with --help and -h', (command, text) => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout } = run([command, flag]);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: engagekit ${command}`);
      expect(stdout).toContain(text);
    }
  });

  it('docs/cli.md holds every --help exactly as the command prints it', () => {
    const page = readFileSync(join(root, 'docs/cli.md'), 'utf8');
    for (const command of [[], ['score'], ['nps'], ['csat'], ['retention']]) {
      const { code, stdout } = run([...command, '--help']);
      expect(code).toBe(0);
      const heading = `## engagekit ${[...command, '--help'].join(' ')}`;
      // On a mismatch: npm run build && node scripts/render-cli-help.mjs
      expect(page).toContain(`${heading}\n\n\`\`\`text\n${stdout}\`\`\`\n`);
    }
  });

  it.each([
    ['score', '--model', 'model.json', '--events', 'events.csv', ...AT],
    ['nps', 'nps.txt'],
    ['csat', 'csat.csv'],
    ['retention', 'activity.csv', '--days', '1'],
  ])('rejects an unknown option of %s with exit code 2', (...args) => {
    const { code, stdout, stderr } = run([...args, '--bogus']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("Unknown option '--bogus'");
    expect(stderr).toContain(`Usage: engagekit ${args[0]}`);
  });

  it('rejects an unknown command with exit code 2', () => {
    const { code, stderr } = run(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "frobnicate"');
  });
});

describe('--output of the survey and retention commands', () => {
  it('writes to the file what it would print, and nothing to standard output', () => {
    for (const args of [
      ['nps', 'nps.txt'],
      ['nps', 'nps.txt', '--format', 'json'],
      ['csat', 'csat.csv'],
      ['csat', 'csat.csv', '--format', 'json'],
      ['retention', 'activity.csv', '--days', '1,2'],
      ['retention', 'activity.csv', '--days', '1,2', '--format', 'json'],
    ]) {
      const printed = run(args);
      expect(printed.code).toBe(0);
      const file = join(dir, `${args.join('-')}.out`);
      const written = run([...args, '--output', file]);
      expect(written.stderr).toBe('');
      expect(written.code).toBe(0);
      expect(written.stdout).toBe('');
      expect(readFileSync(file, 'utf8')).toBe(printed.stdout);
      expect(printed.stdout.length).toBeGreaterThan(20);
    }
  });
});

describe('--weight-column of nps and csat', () => {
  it('weights nps answers as the library does (R-confirmed numbers of the nps tests)', () => {
    const { code, stdout, stderr } = run([
      'nps',
      'weighted-nps.csv',
      '--column',
      'rating',
      '--weight-column',
      'weight',
      '--format',
      'json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    const expected = nps([10, 9, 8, 7, 6, 5, 0, 10, 9, 3], {
      weights: [1.5, 0.5, 2, 1, 1, 2, 0.25, 1, 2, 0.75],
    });
    // R: 100 * weighted.mean(s, w) = 8.3333333333333321, Kish n 7.9448275862068964.
    expect(result.score).toBeCloseTo(8.3333333333333321, 12);
    expect(result.effectiveSampleSize).toBeCloseTo(7.9448275862068964, 12);
    for (const key of ['score', 'standardError', 'marginOfError', 'promoterRate'] as const) {
      expect(result[key]).toBeCloseTo(expected[key], 12);
    }
    expect(result.interval.lower).toBeCloseTo(expected.interval.lower, 11);
    expect([result.n, result.promoters, result.detractors]).toEqual([10, 4, 4]);
    // The same tally of counts and weights per point as the library: the very same numbers.
    expect(result).toEqual(JSON.parse(JSON.stringify(expected)));
    const text = run([
      'nps',
      'weighted-nps.csv',
      '--column',
      'rating',
      '--weight-column',
      'weight',
    ]);
    expect(text.stdout).toContain('NPS         8.33\n');
    expect(text.stdout).toContain('weighted    by "weight"');
  });

  it('weights csat answers of NDJSON as the library does (confirmed in R)', () => {
    const { code, stdout, stderr } = run([
      'csat',
      'weighted-csat.ndjson',
      '--weight-column',
      'w',
      '--format',
      'json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    // R: weighted share 0.416666666666667, Kish n 7.944827586206896, Wilson (prop.test without
    // correction) 0.161062519644575 .. 0.726591836840502, weighted mean 3.375.
    expect(result.score).toBeCloseTo(41.6666666666667, 12);
    expect(result.effectiveSampleSize).toBeCloseTo(7.944827586206896, 12);
    expect(result.interval.lower).toBeCloseTo(16.1062519644575, 11);
    expect(result.interval.upper).toBeCloseTo(72.6591836840502, 11);
    expect(result.mean).toBeCloseTo(3.375, 13);
  });

  it('reports every bad weight with its line and writes nothing', () => {
    const { code, stdout, stderr } = run([
      'nps',
      'bad-weights.csv',
      '--column',
      'rating',
      '--weight-column',
      'weight',
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('bad-weights.csv:3: the weight "-2" is not a finite number >= 0');
    expect(stderr).toContain('bad-weights.csv:4: the weight ("weight") is missing');
    expect(stderr).toContain('bad-weights.csv:5: the weight "heavy" is not a finite number >= 0');
  });

  it('refuses a weight column for a plain text file (usage error, exit 2)', () => {
    const { code, stderr } = run(['nps', 'nps.txt', '--weight-column', 'weight']);
    expect(code).toBe(2);
    expect(stderr).toContain('--weight-column needs a CSV or NDJSON file');
  });
});

describe('engagekit retention --mode within', () => {
  // As of 6 March 00:00 UTC. Days 1-3: ann (day 0 1 March) came back on 2 March, bob (day 0 1
  // March) on 4 March: 2 of 2; cy's days 1-3 (4-6 March) are not over. Day 2 alone: ann (3 March)
  // no, bob (3 March) no, cy (5 March, over) no: 0 of 3.
  it('reports brackets of days, equal to the library retention in within mode', () => {
    const args = ['retention', 'activity.csv', '--days', '1-3,2', '--mode', 'within'];
    const asOf = ['--as-of', '2026-03-06T00:00:00Z'];
    const text = run([...args, ...asOf]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      [
        'Retention as of 2026-03-06T00:00:00.000Z (days in UTC, mode within)',
        'day  eligible  retained    rate',
        '1-3         2         2  100.0%',
        '2-2         3         0    0.0%',
        '',
      ].join('\n'),
    );
    const json = run([...args, ...asOf, '--format', 'json']);
    expect(JSON.parse(json.stdout).rows).toEqual(
      retention(activityOf('activity.csv'), {
        days: [[1, 3], 2],
        mode: 'within',
        asOf: Date.parse('2026-03-06T00:00:00Z'),
      }),
    );
  });

  it('refuses a bracket without --mode within, naming --days (exit 2)', () => {
    const { code, stderr } = run(['retention', 'activity.csv', '--days', '7-13']);
    expect(code).toBe(2);
    expect(stderr).toContain('--days');
    expect(stderr).toContain('within');
  });
});

describe('blank cells and extreme weights', () => {
  it('reports a blank answer or weight as missing, never as 0', () => {
    const { code, stdout, stderr } = run(['nps', 'blank-cells.ndjson', '--weight-column', 'w']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('blank-cells.ndjson:2: the answer is empty');
    expect(stderr).toContain('blank-cells.ndjson:3: the weight ("w") is missing');
  });

  it('refuses weights that are all 0 with exit 1', () => {
    const { code, stderr } = run([
      'nps',
      'zero-weights.csv',
      '--column',
      'rating',
      '--weight-column',
      'weight',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('every weight in "weight" is 0');
  });

  it('gives the same result for weights of 1e200 as for the same weights near 1', () => {
    const args = ['--column', 'rating', '--weight-column', 'weight', '--format', 'json'];
    const huge = JSON.parse(run(['nps', 'huge-weights.csv', ...args]).stdout);
    const plain = JSON.parse(run(['nps', 'weighted-nps.csv', ...args]).stdout);
    for (const key of ['score', 'effectiveSampleSize', 'marginOfError', 'standardError']) {
      expect(huge[key]).toBeCloseTo(plain[key], 10);
    }
    expect(huge.interval.lower).toBeCloseTo(plain.interval.lower, 10);
  });
});
