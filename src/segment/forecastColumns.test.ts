import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { defineModel } from '../model/defineModel.js';
import { linear } from '../model/linear.js';
import { forecastColumns } from './forecastColumns.js';

const day = 86_400_000;
const model = defineModel({
  behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } },
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

describe('forecastColumns', () => {
  it('zero customers and zero events give empty arrays, not an error', () => {
    const none = {
      customer: new Uint32Array(0),
      behaviour: new Uint8Array(0),
      at: new Float64Array(0),
    };
    const result = forecastColumns(model, none, 0, 0);
    expect(result.score.length).toBe(0);
    expect(result.nextAt.length).toBe(0);
  });

  it('a customer without events scores 0 in the bottom segment with no change', () => {
    const none = {
      customer: new Uint32Array(0),
      behaviour: new Uint8Array(0),
      at: new Float64Array(0),
    };
    const result = forecastColumns(model, none, 0, 2);
    expect(Array.from(result.score)).toEqual([0, 0]);
    expect(Array.from(result.segment)).toEqual([2, 2]);
    expect(Array.from(result.nextSegment)).toEqual([-1, -1]);
  });

  it('a purchase of +50 fading over 120 days drops to low one millisecond after day 48 (worked by hand)', () => {
    const columns = {
      customer: Uint32Array.of(0),
      behaviour: Uint8Array.of(0),
      at: Float64Array.of(0),
    };
    const result = forecastColumns(model, columns, 10 * day, 1, { until: 60 * day });
    expect(result.score[0]).toBeCloseTo(50 * (1 - 10 / 120), 12);
    expect(result.nextAt[0]).toBe(48 * day + 1);
    expect(result.segments[result.nextSegment[0]!]).toBe('low');
  });

  it("a customer whose behaviour's total overflows is scoreAt's OVERFLOW, naming the behaviour", () => {
    const huge = defineModel({
      behaviours: { purchase: { boost: 1.5e308, decay: linear({ days: 120 }) } },
    });
    const columns = {
      customer: Uint32Array.of(1, 0, 1),
      behaviour: Uint8Array.of(0, 0, 0),
      at: Float64Array.of(0, 0, 0),
      weight: Float64Array.of(1, 1, 1),
    };
    const error = caught(() => forecastColumns(huge, columns, day, 2));
    expect(error.code).toBe('OVERFLOW');
    expect(error.message).toMatch(/^forecastColumns: the total of behaviour "purchase"/);
    expect(error.path).toEqual(['events']);
  });

  it('a customer index at or above customerCount names the entry', () => {
    const columns = {
      customer: Uint32Array.of(0, 3),
      behaviour: Uint8Array.of(0, 0),
      at: Float64Array.of(0, 0),
    };
    const error = caught(() => forecastColumns(model, columns, 0, 2));
    expect(error.code).toBe('INVALID_COLUMNS');
    expect(error.path).toEqual(['columns', 'customer', 1]);
    expect(error.message).toMatch(/^forecastColumns: columns\.customer\[1\]/);
  });

  it('a customerCount that is not a whole number is an option error', () => {
    const columns = {
      customer: new Uint32Array(0),
      behaviour: new Uint8Array(0),
      at: new Float64Array(0),
    };
    const error = caught(() => forecastColumns(model, columns, 0, 1.5));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['customerCount']);
    expect(caught(() => forecastColumns(model, columns, 0, 1, { until: Number.NaN })).path).toEqual(
      ['options', 'until'],
    );
  });
});

describe('forecastColumns options', () => {
  it('refuses options that are not an object with the shared INVALID_OPTION message at path options', () => {
    for (const options of [null, 3, 'x']) {
      let error: unknown;
      try {
        forecastColumns(
          model,
          { customer: new Uint32Array(0), behaviour: new Uint8Array(0), at: new Float64Array(0) },
          0,
          0,
          options as never,
        );
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(EngagekitError);
      expect((error as EngagekitError).code).toBe('INVALID_OPTION');
      expect((error as EngagekitError).path).toEqual(['options']);
      expect((error as EngagekitError).message).toMatch(
        /^forecastColumns: options must be an object such as .* or left out, got /,
      );
    }
  });
});
