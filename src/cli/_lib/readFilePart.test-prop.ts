import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compileModel } from '../../model/compileModel.js';
import { parseModel } from '../../model/parseModel.js';
import { collectBadRows } from '../badRows.js';
import { csvSplitPoint } from './csvSplitPoint.js';
import { type ColumnNames, eventRows } from './eventRows.js';
import { readCsvEvents } from './readCsvEvents.js';
import { readFilePart } from './readFilePart.js';

const model = compileModel(
  parseModel(
    JSON.parse(
      readFileSync(new URL('../../../test/fixtures/cli/model.json', import.meta.url), 'utf8'),
    ),
  ),
  'score',
);
const names: ColumnNames = {
  customer: ['customer_id'],
  behaviour: ['behaviour'],
  at: ['occurred_at'],
  weight: ['weight'],
};
const dir = mkdtempSync(join(tmpdir(), 'engagekit-csv-part-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a read gives: the customers, the columns as plain arrays, the bad rows' report. */
async function read(file: string, split?: number) {
  const bad = collectBadRows();
  const rows = eventRows({ file, model, names, ignoreUnknown: false, bad, expected: 8, csv: true });
  const onBad = (line: number, message: string) => bad.add(file, line, message);
  let took = false;
  await readCsvEvents(
    rows,
    file,
    0x2c,
    names,
    onBad,
    split === undefined
      ? {}
      : {
          split: {
            at: split,
            // the helper thread's side, run here: read the rest into rows lent by this reader
            take: async (line) => {
              const part = await readFilePart(model, {
                format: 'csv',
                file,
                delimiter: 0x2c,
                names,
                ignoreUnknown: false,
                part: {
                  from: split,
                  columns: { customer: 0, behaviour: 1, at: 2, weight: 3 },
                  width: 4,
                },
                expected: 4,
                into: rows.sink.lend(Math.min(6, rows.sink.capacity - rows.sink.size)),
              });
              rows.takePart(part);
              bad.addPart(file, part.bad, part.badCount, line);
              took = true;
              return true;
            },
          },
        },
  );
  const columns = rows.sink.columns();
  return {
    took,
    result: {
      ids: [...rows.customerIds],
      customer: [...columns.customer],
      behaviour: [...columns.behaviour],
      at: [...columns.at],
      weight: columns.weight === undefined ? undefined : [...columns.weight],
      bad: bad.count === 0 ? '' : bad.report(),
    },
  };
}

/** A CSV row: good (plain or quoted ids, some with line breaks inside quotes) or bad. */
const row = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        id: fc.oneof(
          fc.integer({ min: 0, max: 30 }).map((n) => `c${n}`),
          fc.integer({ min: 0, max: 5 }).map((n) => `"q${n}\nnext ""line"""`),
        ),
        behaviour: fc.constantFrom('purchase', 'emailClick', 'siteVisit'),
        day: fc.integer({ min: 1, max: 28 }),
        weight: fc.constantFrom('', '', '2', '0.5'),
      })
      .map(
        (r) =>
          `${r.id},${r.behaviour},2026-10-${String(r.day).padStart(2, '0')}T00:00:00Z,${r.weight}`,
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'c1,teleport,2026-10-01T00:00:00Z,',
      'c2,purchase,yesterday,',
      'c3,purchase',
      'c"4,purchase,2026-10-01T00:00:00Z,',
      '"c5" x,purchase,2026-10-01T00:00:00Z,',
      '',
    ),
  },
);

describe('reading an events CSV in two parts (the helper thread reads the second)', () => {
  it('gives the customers, columns and bad rows of one read, wherever the cut falls', async () => {
    let tookSome = false;
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 120 }),
        fc.nat(),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        async (rows, pick, eol, bom) => {
          const file = join(dir, 'events.csv');
          const text = `${bom ? '\uFEFF' : ''}customer_id,behaviour,occurred_at,weight${eol}${rows.join(eol)}${eol}`;
          writeFileSync(file, text);
          // any line end after the header's, inside quotes or not
          const ends: number[] = [];
          for (let i = text.indexOf('\n') + 1; i < text.length; i++)
            if (text[i - 1] === '\n') ends.push(Buffer.byteLength(text.slice(0, i)));
          const whole = await read(file);
          if (ends.length === 0) return;
          const split = ends[pick % ends.length]!;
          const parts = await read(file, split);
          tookSome ||= parts.took;
          expect(parts.result).toEqual(whole.result);
        },
      ),
      { numRuns: 200 },
    );
    expect(tookSome).toBe(true);
  });

  it('reads on alone when the cut falls inside a quoted field', async () => {
    const file = join(dir, 'quoted.csv');
    const text = `customer_id,behaviour,occurred_at,weight\nc1,purchase,2026-10-01T00:00:00Z,\n"long\nid",purchase,2026-10-02T00:00:00Z,2\nc1,siteVisit,2026-10-03T00:00:00Z,\n`;
    writeFileSync(file, text);
    const inside = text.indexOf('long\n') + 5;
    const parts = await read(file, inside);
    expect(parts.took).toBe(false);
    expect(parts.result).toEqual((await read(file)).result);
    const boundary = text.indexOf('"long');
    const atRecord = await read(file, boundary);
    expect(atRecord.took).toBe(true);
    expect(atRecord.result.ids).toEqual(['c1', 'long\nid']);
    expect(atRecord.result.weight).toEqual([1, 2, 1]);
  });
});

describe('csvSplitPoint', () => {
  it('cuts a file after a line end past its middle, and leaves small files, pipes and missing files whole', () => {
    const file = join(dir, 'split.csv');
    const text = `customer_id,behaviour,occurred_at\n${'c1,purchase,2026-10-01T00:00:00Z\n'.repeat(100)}`;
    writeFileSync(file, text);
    const at = csvSplitPoint(file)!;
    expect(at).toBeGreaterThan(text.length / 2);
    expect(at).toBeLessThan(text.length);
    expect(text[at - 1]).toBe('\n');
    writeFileSync(file, 'customer_id,behaviour,occurred_at\nc1,purchase,2026-10-01T00:00:00Z\n');
    expect(csvSplitPoint(file)).toBeUndefined();
    expect(csvSplitPoint('-')).toBeUndefined();
    expect(csvSplitPoint(join(dir, 'missing.csv'))).toBeUndefined();
    expect(csvSplitPoint(dir)).toBeUndefined();
  });
});
