/**
 * Issue 21's command-line bullets, run on the built CLI as a host runs it: an overflowing score is
 * an error with a non-zero exit (it wrote `NaN` and exited 0), a subnormal `--weight-column`
 * returns (it hung: `2 ** 1074` is Infinity), and one customer with 50,000 events is scored (the
 * forecast was quadratic in a customer's events).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModel, scoreAt } from '../src/index.js';
import { buildCli } from './buildCli.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let built: string;
let cli: string;
let data: string;

beforeAll(async () => {
  ({ dir: built, cli } = await buildCli('hostile-cli'));
  data = mkdtempSync(join(root, '.tmp/hostile-cli-data-'));
}, 60_000);

afterAll(() => {
  rmSync(built, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
});

/** Runs the CLI in the data folder, with a time limit so that a hang fails instead of waiting. */
function run(args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: data,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
    timeout: 60_000,
  });
  return {
    code: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

const write = (name: string, text: string): void => writeFileSync(join(data, name), text);

describe('the CLI under hostile input (issue 21)', () => {
  it('exits non-zero naming OVERFLOW when two boosts of 1e308 add up beyond a number, writing no NaN', () => {
    write(
      'whale.json',
      JSON.stringify({ behaviours: { whale: { boost: 1e308, decay: { kind: 'permanent' } } } }),
    );
    write(
      'whale.csv',
      'customer_id,behaviour,occurred_at\nann,whale,2026-01-01T00:00:00Z\nann,whale,2026-01-02T00:00:00Z\n',
    );
    const { code, stdout, stderr } = run([
      'score',
      '--model',
      'whale.json',
      '--events',
      'whale.csv',
      '--at',
      '2026-02-01T00:00:00Z',
    ]);
    expect(stdout).not.toMatch(/NaN|Infinity/);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/OVERFLOW|beyond/);
  });

  it('returns for nps and csat with the smallest subnormal weight in --weight-column', () => {
    write('tiny.csv', 'rating,weight\n10,5e-324\n3,1\n');
    const nps = run(['nps', 'tiny.csv', '--column', 'rating', '--weight-column', 'weight']);
    expect(nps.signal).toBeNull();
    expect(nps.stdout).not.toMatch(/NaN|Infinity/);
    write('tiny-csat.csv', 'rating,weight\n5,5e-324\n2,1\n');
    const csat = run(['csat', 'tiny-csat.csv', '--column', 'rating', '--weight-column', 'weight']);
    expect(csat.signal).toBeNull();
    expect(csat.stdout).not.toMatch(/NaN|Infinity/);
    // the weighted answers are those of one detractor and a vanishing promoter: NPS -100
    expect(nps.code).toBe(0);
    expect(nps.stdout).toMatch(/-100/);
  });

  it('scores one customer with 50,000 events as scoreAt does', () => {
    const model = {
      behaviours: {
        visit: { boost: 5, decay: { kind: 'exponential', halfLife: { days: 3 } } },
        buy: { boost: 40, decay: { kind: 'linear', duration: { days: 30 } } },
      },
    };
    write('many.json', JSON.stringify(model));
    const start = Date.UTC(2026, 0, 1);
    const lines = ['customer_id,behaviour,occurred_at'];
    const events: { behaviour: string; at: number }[] = [];
    for (let i = 0; i < 50_000; i++) {
      const at = start + i * 600_000 + ((i * 7919) % 600_000);
      const behaviour = i % 10 === 0 ? 'buy' : 'visit';
      events.push({ behaviour, at });
      lines.push(`ann,${behaviour},${new Date(at).toISOString()}`);
    }
    write('many.csv', `${lines.join('\n')}\n`);
    const at = start + 50_000 * 600_000;
    const { code, stdout, stderr, signal } = run([
      'score',
      '--model',
      'many.json',
      '--events',
      'many.csv',
      '--at',
      new Date(at).toISOString(),
    ]);
    expect(signal, 'the CLI did not finish within 60 s').toBeNull();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [, row] = stdout.trim().split('\n');
    const score = Number(row!.split(',')[1]);
    expect(score).toBeCloseTo(scoreAt(parseModel(model), events, at), 6);
  }, 120_000);
});
