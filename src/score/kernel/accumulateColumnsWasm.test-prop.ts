import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ColumnEvent, modelArbitrary } from '../../../test/columnArbitraries.js';
import { webAssembly } from '../../../test/webAssemblyApi.js';
import { defineModel, exponential, type Model, permanent } from '../../index.js';
import { compileModel } from '../../model/compileModel.js';
import { accumulateColumnsWasm } from './accumulateColumnsWasm.js';
import { accumulateColumns } from './columnKernel.js';
import { columnKernelInput } from './columnKernelInput.js';
import { columnKernelBytes } from './columnKernelWasm.js';

interface Run {
  readonly model: Model;
  readonly customers: number;
  readonly events: readonly ColumnEvent[];
  readonly wide: boolean;
  readonly weighted: boolean;
  readonly from: number;
  readonly to: number;
  readonly at: number;
}

/** The kernels' input for a run (all but the accumulators). */
function kernelInput(run: Run) {
  const compiled = compileModel(run.model);
  const n = run.events.length;
  const columns = {
    customer: Uint32Array.from(run.events, (event) => event.customer),
    behaviour: run.wide
      ? Uint16Array.from(run.events, (event) => event.behaviour)
      : Uint8Array.from(run.events, (event) => event.behaviour),
    at: Float64Array.from(run.events, (event) => event.at),
    ...(run.weighted ? { weight: Float64Array.from(run.events, (event) => event.weight) } : {}),
  };
  const from = Math.min(run.from, n);
  return columnKernelInput(compiled, columns, from, Math.min(Math.max(run.to, from), n), run.at);
}

/** Both kernels on the same input: their results and where their accumulators first differ. */
function bothKernels(run: Run) {
  const size = 2 * run.customers * compileModel(run.model).slotsPerCustomer;
  const jsAccumulator = new Float64Array(size);
  const js = accumulateColumns(...kernelInput(run), jsAccumulator);
  const wasm = accumulateColumnsWasm(columnKernelBytes(), ...kernelInput(run), size);
  return {
    js,
    jsAccumulator,
    wasm: wasm instanceof Float64Array ? true : wasm,
    difference: wasm instanceof Float64Array ? firstDifference(jsAccumulator, wasm) : -1,
  };
}

/** The first index where two arrays differ in their bits (so -0 differs from 0), or -1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  const bitsA = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const bitsB = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < a.length; i++) if (bitsA[i] !== bitsB[i]) return i;
  return a.length === b.length ? -1 : a.length;
}

/** Models whose behaviours all decay exponentially without cutoff, or are all permanent. */
const uniformModelArbitrary: fc.Arbitrary<Model> = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.record({
        boost: fc.integer({ min: -50, max: 50 }),
        halfLife: fc.integer({ min: 1, max: 300 }),
        cap: fc.option(fc.integer({ min: 0, max: 80 })),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([decays, behaviours]) =>
    defineModel({
      behaviours: Object.fromEntries(
        behaviours.map(({ boost, halfLife, cap }, index) => {
          const decay = decays ? exponential(halfLife) : permanent();
          return [`b${index}`, cap === null ? { boost, decay } : { boost, decay, cap }];
        }),
      ),
    }),
  );

/** Runs of a model: events (some invalid when `bad`), a range of them and an instant. */
function runArbitrary(
  models: fc.Arbitrary<Model>,
  customerCounts: fc.Arbitrary<number>,
  bad: boolean,
): fc.Arbitrary<Run> {
  return fc
    .tuple(models, customerCounts, fc.boolean(), fc.boolean())
    .chain(([model, customers, wide, weighted]) => {
      const count = model.behaviourIds.length;
      // Each field valid, or (when `bad`) now and then invalid.
      const field = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>) =>
        bad ? fc.oneof({ arbitrary: valid, weight: 15 }, { arbitrary: invalid, weight: 1 }) : valid;
      const event = fc.record({
        customer: field(fc.integer({ min: 0, max: customers - 1 }), fc.constant(customers)),
        behaviour: field(fc.integer({ min: 0, max: count - 1 }), fc.constant(count)),
        at: field(
          fc.integer({ min: 0, max: 1000 }),
          fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
        ),
        weight: weighted
          ? field(fc.integer({ min: -3, max: 5 }), fc.constantFrom(Number.NaN, 1e308))
          : fc.constant(1),
      });
      return fc.record({
        model: fc.constant(model),
        customers: fc.constant(customers),
        events: fc.array(event, { maxLength: 1500 }),
        wide: fc.constant(wide),
        weighted: fc.constant(weighted),
        from: fc.nat({ max: 5 }),
        to: fc.nat({ max: 1600 }),
        at: fc.integer({ min: -10, max: 1200 }),
      });
    });
}

describe('accumulateColumnsWasm properties', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('computes bit for bit the accumulators of the JavaScript kernel, caps, weights, 8- and 16-bit behaviours, any range', () => {
    fc.assert(
      fc.property(runArbitrary(modelArbitrary, fc.integer({ min: 1, max: 40 }), false), (run) => {
        const result = bothKernels(run);
        expect(result.js).toBe(true);
        expect(result.wasm).toBe(true);
        expect(result.difference).toBe(-1);
      }),
    );
  });

  it('takes the plain pass for uniform models and still matches the JavaScript kernel bit for bit', () => {
    fc.assert(
      fc.property(
        runArbitrary(uniformModelArbitrary, fc.integer({ min: 1, max: 40 }), false),
        (run) => {
          const result = bothKernels(run);
          expect(result.wasm).toBe(true);
          expect(result.difference).toBe(-1);
        },
      ),
    );
  });

  it('matches the JavaScript kernel on accumulators beyond 2 MB, which both read ahead', () => {
    fc.assert(
      fc.property(
        runArbitrary(
          fc.oneof(modelArbitrary, uniformModelArbitrary),
          fc.integer({ min: 140_000, max: 150_000 }),
          false,
        ),
        (run) => {
          const result = bothKernels(run);
          expect(result.wasm).toBe(true);
          expect(result.difference).toBe(-1);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('rejects exactly the inputs the JavaScript kernel rejects (customer, behaviour, time, weight)', () => {
    fc.assert(
      fc.property(
        runArbitrary(
          fc.oneof(modelArbitrary, uniformModelArbitrary),
          fc.integer({ min: 1, max: 40 }),
          true,
        ),
        (run) => {
          const result = bothKernels(run);
          expect(result.wasm).toBe(result.js);
          if (result.js) expect(result.difference).toBe(-1);
        },
      ),
    );
  });

  it('reuses a cached instance and memory, grown or not, with the same results on every call', () => {
    fc.assert(
      fc.property(
        fc.array(runArbitrary(modelArbitrary, fc.integer({ min: 1, max: 3000 }), false), {
          minLength: 2,
          maxLength: 4,
        }),
        (runs) => {
          const cache = {};
          for (const run of runs) {
            const compiled = compileModel(run.model);
            const size = 2 * run.customers * compiled.slotsPerCustomer;
            const fresh = bothKernels(run);
            const cached = accumulateColumnsWasm(
              columnKernelBytes(),
              ...kernelInput(run),
              size,
              cache,
            );
            expect(fresh.difference).toBe(-1);
            expect(cached).toBeInstanceOf(Float64Array);
            expect(firstDifference(fresh.jsAccumulator, cached as Float64Array)).toBe(-1);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('declines (undefined) where WebAssembly is missing or refuses to compile', () => {
    fc.assert(
      fc.property(
        runArbitrary(modelArbitrary, fc.integer({ min: 1, max: 5 }), false),
        fc.constantFrom(undefined, {
          Memory: webAssembly.Memory,
          Instance: webAssembly.Instance,
          Module: class {
            constructor() {
              throw new Error('Wasm code generation disallowed by embedder');
            }
          },
        }),
        (run, api) => {
          vi.stubGlobal('WebAssembly', api);
          try {
            const result = bothKernels(run);
            expect(result.wasm).toBeUndefined();
          } finally {
            vi.unstubAllGlobals();
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});
