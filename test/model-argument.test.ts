import { describe, expect, it } from 'vitest';
import {
  atRisk,
  compileModel,
  createScoreState,
  defineModel,
  EngagekitError,
  explainScore,
  forecast,
  forecastColumns,
  linear,
  parseState,
  prepareColumns,
  saveList,
  scoreAt,
  scoreColumns,
  scorePopulation,
  scoreTimeline,
  segmentAt,
  segmentCounts,
  segmentFlows,
  segmentOf,
  serializeState,
  toSql,
  transitions,
} from '../src/index.js';

/**
 * Issue 21: whatever a host passes as the model, every public function that takes one either
 * uses a model made by defineModel / parseModel or throws INVALID_MODEL at path `model`, with a
 * message that starts with the function's name and says to call defineModel or parseModel;
 * never a TypeError from deep inside.
 */
const columns = {
  customer: Uint32Array.of(0),
  behaviour: Uint8Array.of(0),
  at: Float64Array.of(0),
};
const DAY = 86_400_000;
const configuration = { behaviours: { visit: { boost: 5, decay: linear({ days: 7 }) } } };
const events = [{ behaviour: 'visit', at: 0, customerId: 'ann' }];
const state = serializeState(createScoreState(defineModel(configuration)));
const CALLS: Record<string, (model: never) => unknown> = {
  scoreAt: (model) => scoreAt(model, [], 0),
  explainScore: (model) => explainScore(model, [], 0),
  scoreTimeline: (model) => scoreTimeline(model, [], { from: 0, to: DAY, step: DAY }),
  segmentOf: (model) => segmentOf(model, 3),
  segmentAt: (model) => segmentAt(model, [], 0),
  forecast: (model) => forecast(model, [], 0),
  scoreColumns: (model) => scoreColumns(model, columns, 0, 1),
  prepareColumns: (model) => prepareColumns(model, columns, 1),
  forecastColumns: (model) => forecastColumns(model, columns, 0, 1),
  scorePopulation: (model) => scorePopulation(model, events, 0),
  segmentCounts: (model) => segmentCounts(model, events, 0),
  segmentFlows: (model) => segmentFlows(model, events, { from: 0, to: DAY }),
  atRisk: (model) => atRisk(model, events, { at: 0, within: { days: 7 } }),
  transitions: (model) => transitions(model, [], { from: 0, to: DAY } as never),
  saveList: (model) => saveList(model, [], {}),
  toSql: (model) => toSql(model, { dialect: 'duckdb', at: 0 }),
  compileModel: (model) => compileModel(model),
  createScoreState: (model) => createScoreState(model),
  parseState: (model) => parseState(model, state),
};

const NOT_MODELS: [string, unknown][] = [
  ['an empty object', {}],
  ['a configuration not yet validated', configuration],
  ['the JSON of a model', JSON.parse(JSON.stringify(defineModel(configuration)))],
  ['null', null],
  ['undefined', undefined],
  ['a number', 7],
];

describe('a value that is not a model, given as the model', () => {
  for (const [fn, call] of Object.entries(CALLS)) {
    // The JSON of a model has its segments: segmentOf, which reads nothing else, classifies with it.
    const values =
      fn === 'segmentOf'
        ? NOT_MODELS.filter(([name]) => name !== 'the JSON of a model')
        : NOT_MODELS;
    it.each(values)(`${fn} throws INVALID_MODEL at path model for %s`, (_, value) => {
      let thrown: unknown;
      try {
        call(value as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(EngagekitError);
      const error = thrown as EngagekitError;
      expect(error.code).toBe('INVALID_MODEL');
      expect(error.path).toEqual(['model']);
      expect(error.message.startsWith(`${fn}: model must be a model made by defineModel`)).toBe(
        true,
      );
      expect(error.message).toContain('parseModel');
    });
  }

  it('a model from defineModel passes every one of these functions', () => {
    const model = defineModel(configuration);
    for (const [fn, call] of Object.entries(CALLS)) {
      expect(() => call(model as never), fn).not.toThrow();
    }
    expect(() => parseState(model, '{}')).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
  });
});
