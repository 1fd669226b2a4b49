import { readFileSync } from 'node:fs';
/**
 * Hostile input over every public function (issue 21): any input gives a finite result or an
 * `EngagekitError` with a non-empty path. Every function of every entry is listed below: with the
 * arbitraries of its arguments once it passes, or as `todo` (and who is fixing it) until then. To
 * add a function's property, give its arguments here; the arbitraries are in hostileArbitraries.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as engagekit from '../src/index.js';
import * as node from '../src/node/index.js';
import { heldEvents } from '../src/score/state/heldEvents.js';
import { serializeState } from '../src/score/state/serializeState.js';
import { serializeStateBinary } from '../src/score/state/serializeStateBinary.js';
import * as testing from '../src/testing/index.js';
import {
  anyModel,
  expectFiniteOrEngagekitError,
  expectFiniteOrEngagekitErrorAsync,
  hostileActivity,
  hostileColumns,
  hostileCount,
  hostileDuration,
  hostileEvent,
  hostileEvents,
  hostileInstant,
  hostileModel,
  hostileNumber,
  hostileNumeric,
  hostileOptions,
  hostileRateEvents,
  hostileRows,
  hostileState,
  hostileValue,
  models,
} from './hostileArbitraries.js';
import { byCustomer, isoMicros, openDuckDb, type SqlEngine } from './sqlEngines.js';

const unknownBehaviour = fc.oneof(fc.constantFrom('ignore', 'error'), hostileValue);
const previous = fc.oneof(fc.constantFrom('high', 'low', 'disengaged', 'up', 'down'), hostileValue);
const timeZone = fc.oneof(
  fc.constantFrom(
    'UTC',
    'Europe/Dublin',
    'Africa/Monrovia',
    'Asia/Kathmandu',
    '-00:30',
    '+05:30',
    'Europe/Nowhere+05',
    'UTC+99',
    '',
  ),
  hostileValue,
);
const calendarOptions = hostileOptions({
  timeZone,
  weekStartsOn: fc.oneof(fc.integer({ min: 0, max: 6 }), hostileNumber),
});

const confidence = fc.oneof(fc.constantFrom(0.9, 0.95, 0.99), hostileNumber, hostileValue);
const compareWith = fc.oneof(fc.constantFrom('previous', 'first'), hostileValue);
const method = fc.oneof(fc.constantFrom('newcombe', 'wald'), hostileValue);
const by = fc.oneof(fc.constantFrom('campaign', 'day', 'week', 'month'), hostileValue);
const weekStartsOn = fc.oneof(fc.integer({ min: 0, max: 6 }), hostileNumber);
const behaviourName = fc.oneof(fc.constantFrom('emailOpen', 'purchase', 'referral'), hostileValue);
const emailRateOptions = hostileOptions({
  behaviours: hostileOptions({
    delivered: behaviourName,
    opened: behaviourName,
    clicked: behaviourName,
  }),
  clickImpliesOpen: fc.oneof(fc.boolean(), hostileValue),
  by,
  timeZone,
  weekStartsOn,
  confidence,
  compareWith,
  method,
});
const customerRateOptions = {
  by,
  timeZone,
  weekStartsOn,
  confidence,
  compareWith,
  method,
  eligible: behaviourName,
};
const visitOptions = { confidence, visitTimeout: hostileDuration };
const rateSample = hostileOptions({ rate: hostileNumeric, effectiveTrials: hostileNumeric });
const fieldNames = (names: readonly string[]) =>
  hostileOptions(
    Object.fromEntries(
      names.map((name) => [name, fc.oneof(fc.constantFrom(...names), hostileValue)]),
    ),
  );
const atRiskList = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.array(
      fc.oneof(
        {
          weight: 8,
          arbitrary: fc.record(
            {
              customerId: fc.oneof(fc.constantFrom('ann', 'bob', '__proto__'), hostileValue),
              score: hostileNumber,
              segment: previous,
              drop: hostileOptions({ at: hostileInstant, segment: previous }),
            },
            { requiredKeys: [] },
          ),
        },
        { weight: 1, arbitrary: hostileValue },
      ),
      { maxLength: 6 },
    ),
  },
  { weight: 1, arbitrary: hostileValue },
);
const customerValues = fc.oneof(
  fc.dictionary(fc.constantFrom('ann', 'bob', '__proto__', 'x'), hostileNumeric),
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom('ann', 'bob'), hostileValue), hostileNumeric), {
      maxLength: 4,
    })
    .map((entries) => new Map(entries)),
  hostileValue,
);

/** The arguments of each function that passes, as one arbitrary of the argument list. */
const hostileApplyOptions = fc.oneof(
  fc.constant(undefined),
  hostileOptions({
    partition: fc.oneof(fc.constantFrom('', 'p1', '__proto__'), hostileValue),
    position: fc.oneof(fc.nat(10), fc.constantFrom('1-0', '2-5', 10n, -1, 1.5, 'x'), hostileValue),
  }),
);
const hostileCustomerId = fc.oneof(
  fc.constantFrom('ann', 'bob', '', '__proto__', 'ghost', 3, 3n),
  hostileValue,
);
/** Decays as the decay functions return them, with hostile fields, and things that are not decays. */
const decaySpec = fc.oneof(
  fc.constantFrom(
    ...models.flatMap((model) => Object.values(model.behaviours).map((b) => b.decay)),
  ),
  fc.record(
    {
      kind: fc.oneof(fc.constantFrom('linear', 'exponential', 'step', 'permanent'), hostileValue),
      duration: hostileNumeric,
      halfLife: hostileNumeric,
      grace: hostileNumeric,
      cutoff: hostileNumeric,
    },
    { requiredKeys: [] },
  ),
  hostileValue,
);
/** Model definitions: behaviours with hostile boosts, caps and decays, segments, or no object. */
const modelDefinition = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        behaviours: fc.oneof(
          fc.dictionary(
            fc.oneof(fc.constantFrom('visit', 'buy', '__proto__', 'constructor', ''), fc.string()),
            fc.oneof(
              fc.record(
                { boost: hostileNumeric, decay: decaySpec, cap: hostileNumeric },
                { requiredKeys: [] },
              ),
              hostileValue,
            ),
            { maxKeys: 4 },
          ),
          hostileValue,
        ),
        segments: hostileOptions({
          high: hostileNumeric,
          low: hostileNumeric,
          band: hostileNumeric,
        }),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: hostileValue },
);

/** SQL identifiers: ordinary ones, quotes and comments, control characters, prototype keys, non-strings. */
const sqlIdentifier = fc.oneof(
  fc.constantFrom(
    'events',
    'customer_id',
    'a"b',
    "a'b",
    'a`b',
    '-- x',
    '/* x',
    'x\u0000y',
    'x\u0007y',
    'tab\there',
    '\ud800',
    '__proto__',
    'constructor',
    '',
  ),
  fc.string({ maxLength: 6 }),
  hostileValue,
);
/**
 * Models for toSql: the ordinary and extreme {@link models}, models built from hostile definitions
 * (prototype keys, control characters and quotes in ids, huge and tiny boosts and caps, custom
 * ladder names with control characters), and things that are not models.
 */
const sqlModel = fc.oneof(
  { weight: 3, arbitrary: anyModel },
  {
    weight: 4,
    arbitrary: fc
      .record(
        {
          behaviours: fc.dictionary(
            fc.oneof(
              fc.constantFrom('visit', '__proto__', 'constructor', "o'k", 'a\u0000b', 'x\u001fy'),
              fc.string({ maxLength: 5 }),
            ),
            fc.record(
              {
                boost: fc.oneof(
                  fc.constantFrom(1e308, -1e308, 5e-324, 1e-300, 5e18, 0.5),
                  fc.double({ noNaN: true, noDefaultInfinity: true }),
                ),
                decay: decaySpec,
                cap: fc.oneof(fc.constantFrom(0.5, 1e308, 5e-324), hostileNumeric),
              },
              { requiredKeys: ['boost', 'decay'] },
            ),
            { minKeys: 1, maxKeys: 3 },
          ),
          segments: fc.oneof(
            fc.constant(undefined),
            fc.record({
              levels: fc.constant([{ name: 'ok', min: 10 }]),
              below: fc.constantFrom('low\u0000', 'rest', "o'k", 'a\u0085b'),
            }),
            hostileOptions({ high: hostileNumeric, low: hostileNumeric, band: hostileNumeric }),
          ),
        },
        { requiredKeys: ['behaviours'] },
      )
      .map((definition) => {
        try {
          return engagekit.defineModel(definition as never);
        } catch {
          return definition;
        }
      }),
  },
);
/** Mostly `valid`, now and then `hostile`: so that a case meets one or two bad fields, not all. */
const mostly = (valid: fc.Arbitrary<unknown>, hostile: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: hostile });
const sqlOptions = mostly(
  fc.record(
    {
      dialect: mostly(
        fc.constantFrom('postgres', 'duckdb', 'bigquery', 'snowflake', 'clickhouse', 'spark'),
        fc.oneof(fc.constantFrom('mysql', 'DuckDB', '__proto__'), hostileValue),
      ),
      at: mostly(
        fc.oneof(
          fc.integer({ min: -10 * 86_400_000, max: 400 * 86_400_000 }),
          fc.constantFrom(
            -62_135_596_800_000,
            253_402_300_799_999,
            -8.64e15,
            8.64e15,
            new Date(253_402_300_799_999),
          ),
        ),
        fc.oneof(hostileInstant, fc.constantFrom(-62_135_596_800_001, 253_402_300_800_000, 0.5)),
      ),
      table: mostly(fc.constantFrom('events', ['analytics', 'events'], "it's"), sqlIdentifier),
      columns: mostly(
        fc.record(
          {
            customer: mostly(fc.constantFrom('customer_id', 'a"b', "o'k", '-- x'), sqlIdentifier),
            behaviour: mostly(fc.constantFrom('behaviour', 'a`b', '/* x'), sqlIdentifier),
            at: mostly(fc.constantFrom('occurred_at', 'tab\there', 'ünï'), sqlIdentifier),
            weight: mostly(fc.constantFrom('weight', 'w\\eight'), sqlIdentifier),
          },
          { requiredKeys: [] },
        ),
        hostileOptions({ customer: sqlIdentifier, weight: sqlIdentifier, extra: sqlIdentifier }),
      ),
      segment: mostly(fc.boolean(), hostileValue),
    },
    { requiredKeys: ['dialect', 'at'] },
  ),
  hostileValue,
);

/** Sizes for the testing arbitraries: ordinary ones, and negative, fractional, huge and non-numbers. */
const arbitrarySize = mostly(
  fc.integer({ min: 0, max: 30 }),
  fc.oneof(fc.constantFrom(-1, 1.5, 1e9, 2 ** 32, 1_000_001), hostileNumber, hostileValue),
);
/** Id arbitraries: real ones, ones that repeat themselves or draw non-strings, and non-arbitraries. */
const idArbitrary = mostly(
  fc.constantFrom(
    fc.uuid(),
    fc.constant('same'),
    fc.constantFrom('', '__proto__'),
    fc.integer() as unknown as fc.Arbitrary<string>,
  ),
  hostileValue,
);
const arbitraryInstant = mostly(
  fc.integer({ min: -10 * 86_400_000, max: 400 * 86_400_000 }),
  fc.oneof(fc.constantFrom(8.64e15, -8.64e15, 8.64e15 + 1, 0.5), hostileValue),
);
const magnitude = mostly(fc.constantFrom('realistic', 'extreme'), hostileValue);
const flag = mostly(fc.boolean(), hostileValue);
const eventsOptions = {
  from: arbitraryInstant,
  to: arbitraryInstant,
  maxLength: arbitrarySize,
  weights: flag,
  magnitude,
};
const responsesOptions = hostileOptions({
  minLength: arbitrarySize,
  maxLength: arbitrarySize,
  ['__proto__']: hostileValue,
});

const CHECKED: Record<string, fc.Arbitrary<unknown[]>> = {
  activityArbitrary: fc.tuple(
    hostileOptions({
      users: arbitrarySize,
      userIds: idArbitrary,
      from: arbitraryInstant,
      to: arbitraryInstant,
      minLength: arbitrarySize,
      maxLength: arbitrarySize,
    }),
  ),
  eventsArbitrary: fc.tuple(
    anyModel,
    hostileOptions({
      ...eventsOptions,
      customers: mostly(
        fc.array(fc.constantFrom('ann', 'bob', '__proto__', ''), { maxLength: 3 }),
        fc.oneof(fc.constant(['ann', 3]), hostileValue),
      ),
    }),
  ),
  customerStreamArbitrary: fc.tuple(
    anyModel,
    hostileOptions({
      ...eventsOptions,
      customers: arbitrarySize,
      customerIds: idArbitrary,
      outOfOrder: flag,
    }),
  ),
  modelArbitrary: fc.tuple(
    hostileOptions({
      maxBehaviours: arbitrarySize,
      caps: flag,
      negativeBoosts: flag,
      maxDuration: mostly(fc.integer({ min: 1, max: 400 * 86_400_000 }), hostileNumeric),
      magnitude,
      behaviourIds: idArbitrary,
    }),
  ),
  decayArbitrary: fc.tuple(
    mostly(
      fc.integer({ min: 1, max: 400 * 86_400_000 }),
      fc.oneof(hostileNumeric, fc.constant(1e300)),
    ),
  ),
  npsResponsesArbitrary: fc.tuple(responsesOptions),
  csatResponsesArbitrary: fc.tuple(
    mostly(
      fc.constantFrom([1, 5], [1, 7], [0, 10], [-3, 3]),
      fc.oneof(fc.constantFrom([5, 1], [1, 1], [1.5, 5], [1, 1e9], [1], [1, 2, 3]), hostileValue),
    ),
    responsesOptions,
  ),
  toSql: fc.tuple(sqlModel, sqlOptions),
  atRiskSql: fc.tuple(
    sqlModel,
    fc
      .tuple(sqlOptions, mostly(fc.constantFrom({ days: 7 }, 86_400_000), hostileDuration))
      .map(([options, within]) => {
        if (options === null || typeof options !== 'object' || Array.isArray(options)) {
          return options;
        }
        const { segment: _segment, ...rest } = options as Record<string, unknown>;
        return { ...rest, within };
      }),
  ),
  createScoreState: fc.tuple(
    anyModel,
    fc.oneof(fc.constant(undefined), hostileOptions({ maxHeld: hostileNumeric })),
  ),
  applyEvent: fc.tuple(hostileState, hostileEvent, hostileApplyOptions),
  applyColumns: fc.tuple(
    hostileState,
    hostileColumns,
    fc.oneof(fc.constant(undefined), fc.constant(['a', 'b', 'c', 'd', 'e']), hostileValue),
    hostileApplyOptions,
  ),
  advanceState: fc.tuple(hostileState, hostileInstant),
  heldEvents: fc.tuple(hostileState),
  scoreState: fc.tuple(hostileState, hostileInstant),
  scoreCustomer: fc.tuple(hostileState, hostileCustomerId, hostileInstant),
  serializeState: fc.tuple(hostileState),
  serializeStateBinary: fc.tuple(hostileState),
  parseState: fc.tuple(
    anyModel,
    fc.oneof(
      hostileState.map((state) => {
        try {
          return serializeState(state as never);
        } catch {
          return state;
        }
      }),
      hostileValue,
    ),
  ),
  parseStateBinary: fc.tuple(
    anyModel,
    fc.oneof(
      hostileState.map((state) => {
        try {
          return serializeStateBinary(state as never);
        } catch {
          return state;
        }
      }),
      hostileState.chain((state) => {
        let bytes: Uint8Array;
        try {
          bytes = serializeStateBinary(state as never);
        } catch {
          return fc.constant(state);
        }
        return fc
          .array(fc.tuple(fc.nat(Math.max(0, bytes.length - 1)), fc.nat(255)), { maxLength: 4 })
          .map((flips) => {
            const copy = bytes.slice();
            for (const [at, value] of flips) if (at < copy.length) copy[at] = value;
            return copy;
          });
      }),
      hostileValue,
    ),
  ),
  mergeStates: fc.tuple(hostileState, hostileState),
  forecastCustomer: fc.tuple(hostileState, hostileCustomerId, hostileInstant),
  forecastState: fc.tuple(hostileState, hostileInstant, hostileOptions({ until: hostileInstant })),
  segmentCountsOfState: fc.tuple(hostileState, hostileInstant),
  atRiskOfState: fc.tuple(
    hostileState,
    hostileOptions({ at: hostileInstant, within: hostileDuration }),
  ),
  scoreAt: fc.tuple(
    hostileModel,
    hostileEvents,
    hostileInstant,
    hostileOptions({ unknownBehaviour }),
  ),
  explainScore: fc.tuple(
    hostileModel,
    hostileEvents,
    hostileInstant,
    hostileOptions({ unknownBehaviour }),
  ),
  segmentAt: fc.tuple(
    hostileModel,
    hostileEvents,
    hostileInstant,
    hostileOptions({ unknownBehaviour }),
  ),
  forecast: fc.tuple(
    hostileModel,
    hostileEvents,
    hostileInstant,
    hostileOptions({ unknownBehaviour, previous }),
  ),
  transitions: fc.tuple(
    hostileModel,
    hostileEvents,
    hostileOptions({ from: hostileInstant, to: hostileInstant, previous, unknownBehaviour }),
  ),
  scoreTimeline: fc.tuple(
    hostileModel,
    hostileEvents,
    hostileOptions({
      from: hostileInstant,
      to: hostileInstant,
      step: hostileDuration,
      unknownBehaviour,
    }),
  ),
  segmentOf: fc.tuple(
    hostileModel,
    fc.oneof(hostileNumber, hostileValue),
    fc.oneof(previous, fc.constant(undefined)),
  ),
  scoreColumns: fc.tuple(hostileModel, hostileColumns, hostileInstant, hostileCount),
  prepareColumns: fc.tuple(hostileModel, hostileColumns, hostileCount),
  eventColumns: fc.tuple(
    hostileModel,
    fc.oneof(hostileEvents, hostileValue),
    hostileOptions({ unknownBehaviour }),
  ),
  forecastColumns: fc.tuple(
    hostileModel,
    hostileColumns,
    hostileInstant,
    hostileCount,
    hostileOptions({ until: hostileInstant }),
  ),
  scorePopulation: fc.tuple(
    hostileModel,
    hostileEvents,
    hostileInstant,
    hostileOptions({ unknownBehaviour }),
  ),
  segmentCounts: fc.tuple(
    hostileModel,
    hostileEvents,
    hostileInstant,
    hostileOptions({ unknownBehaviour }),
  ),
  segmentFlows: fc.tuple(
    hostileModel,
    hostileEvents,
    hostileOptions({ from: hostileInstant, to: hostileInstant, unknownBehaviour }),
  ),
  atRisk: fc.tuple(
    hostileModel,
    hostileEvents,
    hostileOptions({ at: hostileInstant, within: hostileDuration, unknownBehaviour }),
  ),
  scorePrepared: fc
    .tuple(hostileModel, hostileColumns, hostileCount, hostileInstant)
    .map(([model, columns, count, at]) => {
      try {
        return [engagekit.prepareColumns(model as never, columns as never, count as never), at];
      } catch {
        return [columns, at];
      }
    }),
  calendarDay: fc.tuple(hostileInstant, calendarOptions),
  calendarWeek: fc.tuple(hostileInstant, calendarOptions),
  epochDay: fc.tuple(hostileInstant, calendarOptions),
  toMillis: fc.tuple(hostileInstant),
  durationToMillis: fc.tuple(hostileDuration),
  engagementRate: fc.tuple(
    hostileNumeric,
    hostileNumeric,
    hostileOptions({ confidence, effectiveTrials: hostileNumeric }),
  ),
  engagementRates: fc.tuple(
    hostileRows(['group', 'successes', 'trials', 'weight', 'week']),
    hostileOptions({
      fields: fieldNames(['group', 'successes', 'trials', 'weight']),
      confidence,
      compareWith,
      method,
    }),
  ),
  compareRates: fc.tuple(rateSample, rateSample, hostileOptions({ confidence, method })),
  openRate: fc.tuple(hostileRateEvents, emailRateOptions),
  clickThroughRate: fc.tuple(hostileRateEvents, emailRateOptions),
  clickToOpenRate: fc.tuple(hostileRateEvents, emailRateOptions),
  repeatPurchaseRate: fc.tuple(
    hostileRateEvents,
    hostileOptions({ ...customerRateOptions, purchase: behaviourName }),
  ),
  referralRate: fc.tuple(
    hostileRateEvents,
    hostileOptions({ ...customerRateOptions, referral: behaviourName }),
  ),
  visitFrequency: fc.tuple(hostileActivity, hostileOptions(visitOptions)),
  timeBetweenVisits: fc.tuple(
    hostileActivity,
    hostileOptions({
      ...visitOptions,
      quantiles: fc.oneof(
        fc.array(fc.oneof(fc.double({ min: 0, max: 1 }), hostileNumber)),
        hostileValue,
      ),
    }),
  ),
  sessionDuration: fc.tuple(
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc.array(
          fc.record(
            {
              start: fc.oneof(fc.integer({ min: 0, max: 3_600_000 }), hostileInstant),
              end: fc.oneof(fc.integer({ min: 3_600_000, max: 7_200_000 }), hostileInstant),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 10 },
        ),
      },
      { weight: 1, arbitrary: hostileValue },
    ),
    hostileOptions({ fields: fieldNames(['start', 'end']), confidence }),
  ),
  fatigue: fc.tuple(
    hostileRows(['period', 'sends', 'clicks']),
    hostileOptions({ fields: fieldNames(['period', 'trials', 'successes']), confidence }),
  ),
  step: fc.tuple(hostileDuration),
  linear: fc.tuple(hostileDuration, hostileOptions({ grace: hostileDuration })),
  exponential: fc.tuple(hostileDuration, hostileOptions({ cutoff: hostileDuration })),
  defineModel: fc.tuple(modelDefinition),
  parseModel: fc.tuple(
    fc.oneof(
      modelDefinition,
      modelDefinition.map((definition) => {
        try {
          return JSON.stringify(definition);
        } catch {
          return '{';
        }
      }),
      fc.constantFrom('', '{', 'null', '[]', '{"behaviours":{}}', '1e999'),
    ),
  ),
  compileModel: fc.tuple(anyModel),
  hasRules: fc.tuple(anyModel),
  scoreParts: fc.tuple(
    anyModel,
    hostileEvents,
    hostileInstant,
    hostileOptions({ unknownBehaviour }),
  ),
  decayedValue: fc.tuple(fc.oneof(hostileNumber, hostileValue), decaySpec, hostileNumeric),
  isEngagekitError: fc.tuple(
    fc.oneof(
      hostileValue,
      fc.constant(new engagekit.EngagekitError('INVALID_OPTION', 'x: bad')),
      fc.constant(new Error('boom')),
    ),
    fc.oneof(fc.constantFrom('INVALID_OPTION', 'INVALID_MODEL', undefined), hostileValue),
  ),
  permanent: fc.tuple(),
  modelJsonSchema: fc.tuple(),
  saveList: fc.tuple(
    hostileModel,
    atRiskList,
    customerValues,
    hostileOptions({ bestShare: hostileNumeric }),
  ),
};

/** The arguments of each function that returns a promise (the worker pool), as for {@link CHECKED}. */
const CHECKED_ASYNC: Record<string, fc.Arbitrary<unknown[]>> = {
  createWorkerPool: fc.tuple(
    hostileOptions({
      workers: fc.oneof(fc.constantFrom(1, 2), hostileNumeric),
      minEvents: fc.oneof(fc.constantFrom(0, 1_000_000), hostileNumeric),
    }),
  ),
  scoreColumnsParallel: fc.tuple(
    hostileModel,
    hostileColumns,
    hostileInstant,
    hostileCount,
    hostileOptions({
      workers: fc.oneof(fc.constantFrom(1, 2), hostileNumeric),
      minEvents: fc.oneof(fc.constantFrom(0, 0, 1_000_000), hostileNumeric),
    }),
  ),
};

const same = (result: unknown): unknown => result;
/**
 * A few values an arbitrary draws: bad options must be refused at the call, so drawing never throws
 * (not even an EngagekitError: that would come too late, inside the host's property).
 */
const drawn = (result: unknown): unknown => {
  try {
    return fc.sample(result as fc.Arbitrary<unknown>, { numRuns: 3, seed: 7 });
  } catch (error) {
    throw new Error(`drawing from the arbitrary threw ${String(error)}`);
  }
};
/**
 * What of a result is checked where Infinity is a meaning, not an overflow: a compiled model's
 * `end` and `cap` are Infinity for "never ends" and "no cap" (never NaN, never -Infinity).
 */
const RESULTS: Record<string, (result: unknown) => unknown> = {
  ...Object.fromEntries(
    [
      'activityArbitrary',
      'eventsArbitrary',
      'customerStreamArbitrary',
      'modelArbitrary',
      'decayArbitrary',
      'npsResponsesArbitrary',
      'csatResponsesArbitrary',
    ].map((name) => [name, drawn]),
  ),
  compileModel: (result) => {
    const { end, cap, ...rest } = result as { end: Float64Array; cap: Float64Array };
    for (const value of [...end, ...cap]) {
      expect(value === Number.POSITIVE_INFINITY || Number.isFinite(value), `${value}`).toBe(true);
    }
    return rest;
  },
};

/**
 * Functions not yet checked, and why: each is being made to pass by the engineer who owns it (the
 * other parts of issue 21); move a function to CHECKED with its arguments when it passes.
 */
const TODO: Record<string, string> = {};

/**
 * Functions whose hostile-input property lives in their own domain's `hostileInput.test-prop.ts`
 * (the same contract: a finite, correct result or an EngagekitError with a non-empty path).
 */
const ELSEWHERE: Record<string, string> = {
  ces: 'src/survey/hostileInput.test-prop.ts',
  compareNps: 'src/survey/hostileInput.test-prop.ts',
  csat: 'src/survey/hostileInput.test-prop.ts',
  nps: 'src/survey/hostileInput.test-prop.ts',
  npsCategory: 'src/survey/hostileInput.test-prop.ts',
  npsCrossTab: 'src/survey/hostileInput.test-prop.ts',
  npsFromCounts: 'src/survey/hostileInput.test-prop.ts',
  wilsonInterval: 'src/survey/hostileInput.test-prop.ts',
  activeUsers: 'src/activity/hostileInput.test-prop.ts',
  churnRate: 'src/activity/hostileInput.test-prop.ts',
  cohortTable: 'src/activity/hostileInput.test-prop.ts',
  kaplanMeier: 'src/activity/hostileInput.test-prop.ts',
  lifecycle: 'src/activity/hostileInput.test-prop.ts',
  lifetimeValue: 'src/activity/hostileInput.test-prop.ts',
  medianSurvivalTime: 'src/activity/hostileInput.test-prop.ts',
  powerUserCurve: 'src/activity/hostileInput.test-prop.ts',
  retention: 'src/activity/hostileInput.test-prop.ts',
  retentionCurve: 'src/activity/hostileInput.test-prop.ts',
  stickiness: 'src/activity/hostileInput.test-prop.ts',
  tripwire: 'src/activity/hostileInput.test-prop.ts',
  backtest: 'src/validity/hostileInput.test-prop.ts',
  predictiveValidity: 'src/validity/hostileInput.test-prop.ts',
  suggestThresholds: 'src/validity/hostileInput.test-prop.ts',
};

/** Every function every entry exports (classes aside). */
const functions: Record<string, (...args: unknown[]) => unknown> = {};
for (const entry of [engagekit, testing, node]) {
  for (const [name, value] of Object.entries(entry)) {
    if (typeof value === 'function' && !/^class\b/.test(Function.prototype.toString.call(value))) {
      functions[name] = value as (...args: unknown[]) => unknown;
    }
  }
}

describe('hostile input to every public function', () => {
  it('lists every function every entry exports, once', () => {
    const listed = [
      ...Object.keys(CHECKED),
      ...Object.keys(CHECKED_ASYNC),
      ...Object.keys(ELSEWHERE),
      ...Object.keys(TODO),
    ];
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.sort()).toEqual(Object.keys(functions).sort());
  });

  it('the functions checked elsewhere are named by the property file that checks them', () => {
    for (const [name, file] of Object.entries(ELSEWHERE)) {
      expect(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'), name).toMatch(
        new RegExp(`\\b${name}\\b`),
      );
    }
  });

  for (const [name, args] of Object.entries(CHECKED)) {
    it(`${name}: any input gives a finite result or an EngagekitError with a non-empty path`, () => {
      const run = functions[name]!;
      fc.assert(
        fc.property(args, (list) => {
          expectFiniteOrEngagekitError(name, () => {
            const result = run(...list);
            // a state: what it holds, read through its own functions
            return result instanceof Object && 'fingerprint' in result && 'customers' in result
              ? { held: heldEvents(result as never), bytes: serializeStateBinary(result as never) }
              : (RESULTS[name] ?? same)(result);
          });
        }),
        { numRuns: 300 },
      );
    });
  }

  for (const [name, args] of Object.entries(CHECKED_ASYNC)) {
    it(`${name}: any input gives a finite result or an EngagekitError with a non-empty path`, async () => {
      const run = functions[name]!;
      await fc.assert(
        fc.asyncProperty(args, async (list) => {
          await expectFiniteOrEngagekitErrorAsync(name, async () => {
            const result = await run(...list);
            const pool = result as { size: number; close?: () => Promise<void> };
            if (typeof pool?.close !== 'function') return result;
            // a pool: its size is checked, and its threads stopped
            await pool.close();
            return { size: pool.size };
          });
        }),
        { numRuns: 60 },
      );
    });
  }

  for (const [name, why] of Object.entries(TODO)) it.todo(`${name} (${why})`);
});

describe('toSql with segment names no dialect can write (issue 21)', () => {
  it('refuses a ladder name with NUL or a control character with INVALID_MODEL naming it, in every dialect', () => {
    const model = engagekit.defineModel({
      behaviours: { visit: { boost: 5, decay: engagekit.permanent() } },
      segments: {
        levels: [
          { name: 'gold\u0000', min: 30 },
          { name: 'silver', min: 10 },
        ],
        below: 'rest\u0007',
      },
    });
    for (const dialect of ['postgres', 'duckdb', 'bigquery', 'snowflake', 'clickhouse', 'spark']) {
      let caught: unknown;
      try {
        engagekit.toSql(model, { dialect: dialect as never, at: 0, segment: true });
      } catch (error) {
        caught = error;
      }
      expect(engagekit.isEngagekitError(caught, 'INVALID_MODEL')).toBe(true);
      const error = caught as engagekit.EngagekitError;
      expect(error.issues.map((issue) => issue.path)).toEqual([
        ['model', 'segments', 'levels', 0, 'name'],
        ['model', 'segments', 'below'],
      ]);
      // without the segment column the names are not written, and the query is
      expect(engagekit.toSql(model, { dialect: dialect as never, at: 0 })).toMatch(/^WITH/);
    }
  });
});

describe('toSql on hostile but well-formed models', () => {
  let duckdb: SqlEngine;
  beforeAll(async () => {
    duckdb = await openDuckDb();
  }, 60_000);
  afterAll(async () => {
    await duckdb.close();
  });

  /** A model toSql writes for DuckDB, its scoring instant, and a few events of two customers. */
  const scenario = fc
    .tuple(
      sqlModel,
      fc.oneof(
        fc.integer({ min: 0, max: 400 * 86_400_000 }),
        fc.constantFrom(253_402_300_799_999, -62_135_596_800_000 + 400 * 86_400_000),
      ),
      fc.boolean(),
    )
    .filter(([model, at, segment]) => {
      try {
        engagekit.toSql(model as never, { dialect: 'duckdb', at, segment });
        return true;
      } catch {
        return false;
      }
    })
    .chain(([model, at, segment]) => {
      const ids = (model as engagekit.Model).behaviourIds;
      return fc.record({
        model: fc.constant(model as engagekit.Model),
        at: fc.constant(at),
        segment: fc.constant(segment),
        rows: fc.array(
          fc.record({
            customer: fc.constantFrom('ann', "o'brien", '__proto__'),
            behaviour: fc.oneof(fc.constantFrom(...ids), fc.constant('not-in-the-model')),
            age: fc.oneof(
              fc.constantFrom(0, 1, 86_400_000),
              fc.integer({ min: -86_400_000, max: 400 * 86_400_000 }),
            ),
            weight: fc.constantFrom(null, 1, 0.5, -2, 1e300, 1e-300),
          }),
          { minLength: 1, maxLength: 8 },
        ),
      });
    });

  it('the query runs on DuckDB and gives every customer the score scoreAt gives, or both refuse a total beyond a float', {
    timeout: 300_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ model, at, segment, rows }) => {
        const table = rows.map((row) => ({
          customer: row.customer,
          behaviour: row.behaviour,
          // an event after 9999-12-31 is not a timestamp the table can hold
          at: Math.min(at - row.age, 253_402_300_799_999),
          weight: row.weight,
        }));
        // literals rather than bound parameters: the driver binds a whole double such as 1e300
        // as a BIGINT and fails
        const text = (value: string) => `'${value.split("'").join("''")}'`;
        await duckdb.exec(
          [
            'DROP TABLE IF EXISTS events',
            'CREATE TABLE events (customer_id TEXT, behaviour TEXT, occurred_at TIMESTAMPTZ, weight DOUBLE)',
            `INSERT INTO events VALUES ${table
              .map(
                (row) =>
                  `(${text(row.customer)}, ${text(row.behaviour)}, CAST(${text(isoMicros(row.at))} AS TIMESTAMPTZ), ${row.weight === null ? 'NULL' : `CAST(${text(String(row.weight))} AS DOUBLE)`})`,
              )
              .join(', ')}`,
          ].join(';\n'),
        );
        const sql = engagekit.toSql(model, {
          dialect: 'duckdb',
          at,
          columns: { weight: 'weight' },
          segment,
        });
        let result: Map<string, { score: number }> | undefined;
        let failure: unknown;
        try {
          result = byCustomer(await duckdb.query(sql));
        } catch (error) {
          failure = error;
        }
        for (const customer of new Set(rows.map((row) => row.customer))) {
          const events = table
            .filter((row) => row.customer === customer)
            .map((row) => ({
              behaviour: row.behaviour,
              at: row.at,
              ...(row.weight === null ? {} : { weight: row.weight }),
            }));
          let expected: number | undefined;
          let refusedEvent = false;
          try {
            expected = engagekit.scoreAt(model, events, at, { unknownBehaviour: 'ignore' });
          } catch (error) {
            // OVERFLOW, or INVALID_EVENT for a weight whose product with the boost overflows
            // (the message says "beyond the range of a number"; the code says which: seed -2028141426)
            expect(
              engagekit.isEngagekitError(error, 'OVERFLOW') ||
                engagekit.isEngagekitError(error, 'INVALID_EVENT'),
              String(error),
            ).toBe(true);
            refusedEvent = engagekit.isEngagekitError(error, 'INVALID_EVENT');
          }
          if (expected === undefined) {
            // scoreAt refuses such a weight in any event, even one after `at`, which the query
            // never reads: then the query may return the score of the events that count
            if (refusedEvent) continue;
            // a total beyond a float: the query fails with the overflow message, never NaN
            // (toSql's own OVERFLOW message, or the engine's "Overflow in multiplication")
            expect(String(failure ?? 'the query returned'), sql).toMatch(
              /overflow|beyond the range/i,
            );
            return;
          }
          if (failure !== undefined) {
            // the SQL sum, in another order, may overflow where the compensated sum does not
            expect(String(failure)).toMatch(/overflow|beyond the range/i);
            continue;
          }
          const score = result!.get(customer)!.score;
          expect(Number.isFinite(score)).toBe(true);
          // The engine sums without compensation and drops an exponential boost past 100
          // half-lives (under 2^-100 of it): it agrees to within a rounding of the terms' sizes.
          const size = events.reduce((sum, event) => {
            const behaviour = model.behaviours[event.behaviour];
            return behaviour === undefined
              ? sum
              : sum + Math.abs((event.weight ?? 1) * behaviour.boost);
          }, 1);
          expect(
            Math.abs(score - expected),
            `${customer}: ${score} vs ${expected}\n${sql}`,
          ).toBeLessThanOrEqual(1e-9 * size);
        }
      }),
      { numRuns: 80 },
    );
  });
});
