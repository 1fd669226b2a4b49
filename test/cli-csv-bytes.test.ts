import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './buildCli.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const model = join(root, 'test/fixtures/cli/model.json');
let dir: string;
let cli: string;

beforeAll(async () => {
  ({ dir, cli } = await buildCli('cli-csv-bytes'));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function score(events: string, extra: string[] = []) {
  const result = spawnSync(
    process.execPath,
    [
      cli,
      'score',
      '--model',
      model,
      '--events',
      events,
      '--at',
      '2026-11-01T12:00:00Z',
      '--format',
      'json',
      ...extra,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A CSV cell holding `text` exactly: quoted (quotes doubled) or, when it can be, bare. */
function cell(text: string, quote: boolean): string {
  return quote || /[",\r\n]/.test(text) || text !== text.trim()
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

/** Rows whose fields take the CSV reader's byte path and every way off it. */
const row = fc.record({
  customer: fc.oneof(
    fc.constantFrom(
      'ada',
      'bo',
      '42',
      ' ada ',
      '\u00a0ada',
      'ada\u2003',
      'é',
      'a"b',
      '"q"',
      'x,y',
      '  ',
    ),
    fc.string({ minLength: 1, maxLength: 4 }),
  ),
  behaviour: fc.constantFrom(
    'purchase',
    'emailClick',
    'siteVisit',
    ' purchase ',
    'siteVisit\u00a0',
    'nope',
  ),
  at: fc.oneof(
    fc
      .integer({ min: Date.UTC(2026, 5, 1), max: Date.UTC(2026, 11, 1) })
      .map((t) => new Date(t).toISOString()),
    fc.integer({ min: Date.UTC(2026, 5, 1), max: Date.UTC(2026, 11, 1) }).map(String),
    fc.constantFrom(
      '2026-10-01',
      '2026-10-01T10:00:00+02:00',
      '2026-10-01 10:00Z',
      ' 2026-10-01T10:00:00Z ',
      '2026-02-30T00:00Z',
      '2026-10-01T10:00:00',
    ),
  ),
  weight: fc.oneof(
    fc.constantFrom(
      '',
      '1',
      '2.5',
      '-0',
      '1e1',
      '.5',
      '5.',
      ' 3 ',
      'x',
      '0x10',
      '1234567890123456',
    ),
    fc.double({ min: -100, max: 100, noNaN: true }).map(String),
  ),
  quote: fc.boolean(),
});

describe('engagekit score reading CSV from bytes', () => {
  it('gives what reading every field as text gives (NDJSON of the same values), results and bad rows alike', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), fc.boolean(), (rows, ignore) => {
        const csv = join(dir, 'events.csv');
        const ndjson = join(dir, 'events.ndjson');
        writeFileSync(
          csv,
          `customer_id,behaviour,occurred_at,weight\n${rows
            .map((r) =>
              [r.customer, r.behaviour, r.at, r.weight]
                .map((text) => cell(text, r.quote))
                .join(','),
            )
            .join('\n')}\n`,
        );
        // The text path: NDJSON with every value a string, as a CSV cell's text is (trimmed; blank is missing).
        writeFileSync(
          ndjson,
          rows
            .map((r) =>
              JSON.stringify({
                customer_id: r.customer.trim() === '' ? undefined : r.customer.trim(),
                behaviour: r.behaviour.trim(),
                occurred_at: r.at.trim(),
                weight: r.weight.trim(),
              }),
            )
            .join('\n'),
        );
        const flags = ignore ? ['--ignore-unknown'] : [];
        const fromCsv = score(csv, flags);
        const fromText = score(ndjson, flags);
        expect(fromCsv.code).toBe(fromText.code);
        expect(fromCsv.stdout).toBe(fromText.stdout);
        // The same messages for the same lines (NDJSON lines are one less: no header).
        const messages = (stderr: string, file: string, shift: number) =>
          stderr
            .split('\n')
            .map((line) =>
              line.replace(
                new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`),
                (_, n) => `L${Number(n) - shift}`,
              ),
            );
        expect(messages(fromCsv.stderr, csv, 1)).toEqual(messages(fromText.stderr, ndjson, 0));
      }),
      { numRuns: 10 },
    );
  }, 240_000);
});
