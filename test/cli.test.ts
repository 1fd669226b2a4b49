import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test/fixtures/cli');
let dir: string;
let cli: string;

/** Builds the CLI exactly as `npm run build` does (tsup, ESM, Node platform) into a temp folder. */
beforeAll(async () => {
  // Inside the checkout, so that the bundle resolves its dependencies from node_modules.
  mkdirSync(join(root, '.tmp'), { recursive: true });
  dir = mkdtempSync(join(root, '.tmp/cli-'));
  await build({
    config: false,
    entry: { main: join(root, 'src/cli/main.ts') },
    outDir: dir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    silent: true,
  });
  cli = join(dir, 'main.js');
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: fixtures,
    encoding: 'utf8',
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

describe('engagekit', () => {
  it('lists its commands with --help', () => {
    const { code, stdout } = run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Commands:\n {2}score/);
  });

  it('rejects an unknown command with exit code 2', () => {
    const { code, stderr } = run(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "frobnicate"');
  });
});
