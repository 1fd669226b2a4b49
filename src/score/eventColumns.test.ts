import {
  Dictionary,
  Float64,
  Int32,
  Table,
  TimestampNanosecond,
  TimestampSecond,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { defineModel } from '../model/defineModel.js';
import { linear } from '../model/linear.js';
import { parseIsoInstant } from '../time/_lib/parseIsoInstant.js';
import { eventColumns } from './eventColumns.js';
import { scoreAt } from './scoreAt.js';
import { scoreColumns } from './scoreColumns.js';

const day = 86_400_000;
const model = defineModel({
  behaviours: {
    purchase: { boost: 50, decay: linear({ days: 120 }) },
    emailClick: { boost: 25, decay: linear({ days: 14 }) },
  },
});

function caught(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

describe('eventColumns from rows', () => {
  it('maps database field names, interns ids in first-seen order and keeps them as given', () => {
    const rows = [
      { customer_id: 7n, behaviour: 'purchase', occurred_at: 0 },
      { customer_id: 'ann', behaviour: 'emailClick', occurred_at: new Date(day) },
      { customer_id: 7n, behaviour: 'emailClick', occurred_at: '1970-01-03T00:00:00Z' },
      { customer_id: 3, behaviour: 'purchase', occurred_at: '1970-01-01 02:00:00+02' },
    ];
    const columns = eventColumns(model, rows, {
      fields: { customer: 'customer_id', at: 'occurred_at' },
    });
    expect(columns.customerIds).toEqual([7n, 'ann', 3]);
    expect(columns.customerCount).toBe(3);
    expect(Array.from(columns.customer)).toEqual([0, 1, 0, 2]);
    expect(Array.from(columns.behaviour)).toEqual([0, 1, 1, 0]);
    expect(Array.from(columns.at)).toEqual([0, day, 2 * day, 0]);
    expect(Array.from(columns.weight)).toEqual([1, 1, 1, 1]);
  });

  it('counts a null or missing weight as 1 and reads a decimal string as its number', () => {
    const rows = [
      { customerId: 'a', behaviour: 'purchase', at: 0, weight: null },
      { customerId: 'a', behaviour: 'purchase', at: 0 },
      { customerId: 'a', behaviour: 'purchase', at: 0, weight: '2.5' },
    ];
    expect(Array.from(eventColumns(model, rows).weight)).toEqual([1, 1, 2.5]);
  });

  it('gives the scores scoreAt gives per customer', () => {
    const rows = [
      { customerId: 'a', behaviour: 'purchase', at: 0, weight: 2 },
      { customerId: 'b', behaviour: 'emailClick', at: day },
      { customerId: 'a', behaviour: 'emailClick', at: 3 * day },
    ];
    const columns = eventColumns(model, rows);
    const scores = scoreColumns(model, columns, 5 * day, columns.customerCount);
    expect(scores[0]).toBeCloseTo(scoreAt(model, [rows[0]!, rows[2]!], 5 * day), 12);
    expect(scores[1]).toBeCloseTo(scoreAt(model, [rows[1]!], 5 * day), 12);
  });

  it('zero rows give empty columns and no customer', () => {
    const columns = eventColumns(model, []);
    expect(columns.customerCount).toBe(0);
    expect(columns.customer.length).toBe(0);
  });

  it('keeps a customer whose rows are all ignored, and counts the ignored rows', () => {
    const rows = [
      { customerId: 'a', behaviour: 'newsletter', at: 0 },
      { customerId: 'b', behaviour: 'purchase', at: 0 },
    ];
    const columns = eventColumns(model, new Set(rows), { unknownBehaviour: 'ignore' });
    expect(columns.customerIds).toEqual(['a', 'b']);
    expect(columns.ignored).toBe(1);
    expect(Array.from(columns.customer)).toEqual([1]);
  });

  it('reports every bad row with its path, not only the first', () => {
    const rows = [
      { customerId: 'a', behaviour: 'purchase', at: '2024-02-30T00:00:00Z' },
      { customerId: null, behaviour: 'purchase', at: 0 },
      { customerId: 'c', behaviour: 'purchase', at: '2024-02-01T00:00:00', weight: 'lots' },
    ];
    const error = caught(() => eventColumns(model, rows));
    expect(error.code).toBe('INVALID_EVENT');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['rows', 0, 'at'],
      ['rows', 1, 'customerId'],
      ['rows', 2, 'at'],
      ['rows', 2, 'weight'],
    ]);
    expect(error.message).toMatch(/^eventColumns: rows\[0\]\.at/);
  });

  it('lists the first 100 problems and counts the rest', () => {
    const rows = Array.from({ length: 250 }, () => ({
      customerId: 'a',
      behaviour: 'purchase',
      at: 'x',
    }));
    const error = caught(() => eventColumns(model, rows));
    expect(error.issues.length).toBe(101);
    expect(error.issues[100]!.message).toMatch(/150 more bad rows/);
  });

  it('names the row of an unknown behaviour and lists the known ones', () => {
    const error = caught(() =>
      eventColumns(model, [{ customerId: 'a', behaviour: 'visit', at: 0 }]),
    );
    expect(error.code).toBe('UNKNOWN_BEHAVIOUR');
    expect(error.path).toEqual(['rows', 0, 'behaviour']);
    expect(error.message).toMatch(
      /"visit" is not in the model \(known: "purchase", "emailClick"\)/,
    );
  });
});

describe('parseIsoInstant', () => {
  it('reads the forms PostgreSQL and JSON print, as Date.parse does', () => {
    for (const text of [
      '2024-05-01T12:00:00Z',
      '2024-05-01T12:00:00.123Z',
      '2024-05-01T12:00:00.123456+02:00',
      '2024-02-29T23:59:59-0530',
      '2024-05-01T12:00Z',
    ]) {
      expect(parseIsoInstant(text), text).toBe(Date.parse(text));
    }
    expect(parseIsoInstant('2024-05-01 12:00:00+02')).toBe(Date.parse('2024-05-01T12:00:00+02:00'));
  });

  it('rejects a day the month lacks, a missing zone and an hour past 23', () => {
    for (const text of [
      '2023-02-29T00:00:00Z',
      '2024-02-30T00:00:00Z',
      '2024-05-01T12:00:00',
      '2024-05-01T24:00:00Z',
      '2024-13-01T00:00:00Z',
    ]) {
      expect(parseIsoInstant(text), text).toBeNaN();
    }
  });
});

describe('eventColumns from an Apache Arrow table', () => {
  it('reads dictionary ids, nanosecond timestamps and null weights', () => {
    const table = new Table({
      customer_id: vectorFromArray(['ann', 'bo', 'ann'], new Dictionary(new Utf8(), new Int32())),
      behaviour: vectorFromArray(
        ['purchase', 'emailClick', 'purchase'],
        new Dictionary(new Utf8(), new Int32()),
      ),
      occurred_at: vectorFromArray(
        [new Date(0), new Date(day), new Date(2 * day)],
        new TimestampNanosecond(),
      ),
      weight: vectorFromArray([2, null, 1.5], new Float64()),
    });
    const columns = eventColumns(model, table as never, {
      fields: { customer: 'customer_id', at: 'occurred_at' },
    });
    expect(columns.customerIds).toEqual(['ann', 'bo']);
    expect(Array.from(columns.customer)).toEqual([0, 1, 0]);
    expect(Array.from(columns.behaviour)).toEqual([0, 1, 0]);
    expect(Array.from(columns.at)).toEqual([0, day, 2 * day]);
    expect(Array.from(columns.weight)).toEqual([2, 1, 1.5]);
  });

  it('reads 64-bit integer ids as bigints and second timestamps', () => {
    const table = new Table({
      customerId: vectorFromArray([10n, 11n]),
      behaviour: vectorFromArray(['purchase', 'purchase'], new Utf8()),
      at: vectorFromArray([new Date(5000), new Date(day)], new TimestampSecond()),
    });
    const columns = eventColumns(model, table as never);
    expect(columns.customerIds).toEqual([10n, 11n]);
    expect(Array.from(columns.at)).toEqual([5000, day]);
  });

  it('names a missing column', () => {
    const table = new Table({ customerId: vectorFromArray(['a']) });
    const error = caught(() => eventColumns(model, table as never));
    expect(error.code).toBe('INVALID_EVENT');
    expect(error.path).toEqual(['rows', 'behaviour']);
  });
});

describe('eventColumns options', () => {
  it('refuses options that are not an object with the shared INVALID_OPTION message at path options', () => {
    for (const options of [null, 3, 'x']) {
      let error: unknown;
      try {
        eventColumns(model, [], options as never);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(EngagekitError);
      expect((error as EngagekitError).code).toBe('INVALID_OPTION');
      expect((error as EngagekitError).path).toEqual(['options']);
      expect((error as EngagekitError).message).toMatch(
        /^eventColumns: options must be an object such as .* or left out, got /,
      );
    }
  });
});
