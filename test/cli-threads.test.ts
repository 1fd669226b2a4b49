import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './buildCli.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test/fixtures/cli');
const BEHAVIOURS = ['purchase', 'emailClick', 'siteVisit'];
let dir: string;
let cli: string;

beforeAll(async () => {
  ({ dir, cli } = await buildCli('cli-threads'));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function score(events: string, model: string, threads: string, extra: string[] = []) {
  const result = spawnSync(
    process.execPath,
    [
      cli,
      'score',
      '--model',
      join(fixtures, model),
      '--events',
      events,
      '--at',
      '2026-11-01T12:00:00Z',
      '--threads',
      threads,
      ...extra,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const event = fc.record({
  customer: fc.integer({ min: 0, max: 60 }),
  behaviour: fc.constantFrom(...BEHAVIOURS),
  at: fc.integer({ min: Date.UTC(2026, 6, 1), max: Date.UTC(2026, 11, 1) }),
  weight: fc.option(fc.constantFrom(0.5, 1, 2, 3), { nil: undefined }),
});

describe('engagekit score --threads 2', () => {
  it('writes byte for byte what one thread writes, for any events, weights and ladder', () => {
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 400 }),
        fc.constantFrom('model.json', 'model-band.json'),
        fc.boolean(),
        (events, model, weighted) => {
          const file = join(dir, 'events.csv');
          writeFileSync(
            file,
            `customer_id,behaviour,occurred_at${weighted ? ',weight' : ''}\n${events
              .map(
                (e) =>
                  `c${e.customer},${e.behaviour},${new Date(e.at).toISOString()}${weighted ? `,${e.weight ?? ''}` : ''}`,
              )
              .join('\n')}\n`,
          );
          const one = score(file, model, '1');
          const two = score(file, model, '2');
          expect(one.code).toBe(0);
          expect(two).toEqual(one);
        },
      ),
      { numRuns: 8 },
    );
  }, 300_000);

  it('reads the file on two threads as one does: quoted line breaks, bad rows and their lines', () => {
    // The helper thread reads the file's second part (from a line end past its middle); a cut
    // inside a quoted field is read on by the main thread. Results and bad rows must not differ.
    const line = fc.oneof(
      {
        weight: 8,
        arbitrary: fc
          .tuple(event, fc.boolean())
          .map(
            ([e, quoted]) =>
              `${quoted ? `"c${e.customer}\nq"` : `c${e.customer}`},${e.behaviour},${new Date(e.at).toISOString()},${e.weight ?? ''}`,
          ),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'c1,teleport,2026-10-01T00:00:00Z,',
          'c2,purchase,soon,',
          'c3,purchase',
          'c"4,purchase,2026-10-01T00:00:00Z,',
        ),
      },
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 20, maxLength: 400 }), (lines) => {
        const file = join(dir, 'mixed.csv');
        writeFileSync(file, `customer_id,behaviour,occurred_at,weight\n${lines.join('\n')}\n`);
        const one = score(file, 'model.json', '1');
        expect(score(file, 'model.json', '2')).toEqual(one);
      }),
      { numRuns: 8 },
    );
  }, 300_000);

  it('reports bad rows and exits 1 without waiting on the helper thread', () => {
    const two = score(join(fixtures, 'bad-events.csv'), 'model.json', '2');
    expect(two.code).toBe(1);
    expect(two).toEqual(score(join(fixtures, 'bad-events.csv'), 'model.json', '1'));
  });

  it.each([
    ['a weight whose product with the boost overflows (named by its index)', '1e300', '1e307'],
    ['a behaviour total beyond the range of a number', '3e306', '3e306'],
  ])(
    "reports %s among the helper thread's customers as one thread does (exit 1)",
    (_, first, second) => {
      const file = join(dir, 'overflow.csv');
      writeFileSync(
        file,
        `customer_id,behaviour,occurred_at,weight\n${'a,purchase,2026-10-01T00:00:00Z,1\n'.repeat(10)}z,purchase,2026-10-01T00:00:00Z,${first}\nz,purchase,2026-10-02T00:00:00Z,${second}\n`,
      );
      const one = score(file, 'model.json', '1');
      expect(one.code).toBe(1);
      expect(one.stderr).toMatch(/overflows a number|beyond the range of a number/);
      expect(score(file, 'model.json', '2')).toEqual(one);
    },
  );

  it.each(['csv', 'arrow'])(
    'runs its helper thread when started through node --input-type=module -e (as the benchmark does), on %s',
    (format) => {
      const rows = Array.from({ length: 300 }, (_, i) => ({
        customer_id: `c${i % 37}`,
        behaviour: BEHAVIOURS[i % 3]!,
        occurred_at: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`,
      }));
      const file = join(dir, `eval.${format}`);
      if (format === 'csv') {
        writeFileSync(
          file,
          `customer_id,behaviour,occurred_at\n${rows.map((r) => `${r.customer_id},${r.behaviour},${r.occurred_at}`).join('\n')}\n`,
        );
      } else {
        const columns = (key: keyof (typeof rows)[number]) => rows.map((row) => row[key]);
        writeFileSync(
          file,
          tableToIPC(
            tableFromArrays({
              customer_id: columns('customer_id'),
              behaviour: columns('behaviour'),
              occurred_at: columns('occurred_at'),
            }),
          ),
        );
      }
      const args = ['score', '--model', join(fixtures, 'model.json'), '--events', file];
      const rest = ['--at', '2026-11-01T12:00:00Z', '--threads', '2', '--verbose'];
      // `--input-type` reaches a worker thread's flags too, where it stops the script loading:
      // the helper must be started without it (and a helper that fails must not fail the run).
      const wrapper = `process.argv = [process.argv[0], ${JSON.stringify(cli)}, ...${JSON.stringify([...args, ...rest])}]; await import(${JSON.stringify(cli)});`;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', wrapper], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(score(file, 'model.json', '1').stdout);
      expect(result.stderr).toMatch(
        /^engagekit score: read 300 events of 37 customers in \d+\.\d\d s/,
      );
      expect(result.stderr).toMatch(/forecast in \d+\.\d\d s \(2 threads\)/);
      expect(result.stderr).toMatch(/wrote 37 rows in/);
      if (format === 'csv') expect(result.stderr).toMatch(/customers in .* \(2 threads\)/);
    },
  );

  it("starts its helper thread with Node's own flags inherited, V8's included", () => {
    const file = join(dir, 'flags.csv');
    writeFileSync(
      file,
      `customer_id,behaviour,occurred_at\n${Array.from({ length: 200 }, (_, i) => `c${i % 23},purchase,2026-10-01T00:00:00Z`).join('\n')}\n`,
    );
    const result = spawnSync(
      process.execPath,
      [
        '--max-semi-space-size=2',
        '--max-old-space-size=2000',
        cli,
        'score',
        '--model',
        join(fixtures, 'model.json'),
        '--events',
        file,
        '--at',
        '2026-11-01T12:00:00Z',
        '--threads',
        '2',
        '--verbose',
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/customers in .* \(2 threads\)/);
    expect(result.stderr).toMatch(/forecast in .* \(2 threads\)/);
    expect(result.stdout).toBe(score(file, 'model.json', '1').stdout);
  });

  it('refuses another count of threads as a usage error (exit 2)', () => {
    const result = score(join(fixtures, 'events.csv'), 'model.json', '3');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--threads must be 1 or 2/);
  });
});
