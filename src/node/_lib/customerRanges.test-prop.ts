import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelArbitrary } from '../../../test/columnArbitraries.js';
import { firstBitDifference } from '../../../test/sameBits.js';
import { compileModel } from '../../model/compileModel.js';
import { accumulateColumnsWasm } from '../../score/kernel/accumulateColumnsWasm.js';
import { accumulateColumns } from '../../score/kernel/columnKernel.js';
import { columnKernelInput } from '../../score/kernel/columnKernelInput.js';
import { columnKernelBytes } from '../../score/kernel/columnKernelWasm.js';
import { customerRanges } from './customerRanges.js';

/**
 * A model, up to 300 customers and up to 3000 events (several blocks of 512 of the kernels, with
 * exponential and other decays mixed in one accumulator), now and then an invalid entry when
 * `bad`, and a number of ranges.
 */
function runArbitrary(bad: boolean) {
  return fc
    .tuple(modelArbitrary, fc.integer({ min: 1, max: 300 }), fc.boolean(), fc.boolean())
    .chain(([model, customers, wide, weighted]) => {
      const count = model.behaviourIds.length;
      const field = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>) =>
        bad
          ? fc.oneof({ arbitrary: valid, weight: 400 }, { arbitrary: invalid, weight: 1 })
          : valid;
      return fc.record({
        model: fc.constant(model),
        customers: fc.constant(customers),
        wide: fc.constant(wide),
        weighted: fc.constant(weighted),
        events: fc.array(
          fc.record({
            customer: field(
              fc.integer({ min: 0, max: customers - 1 }),
              fc.integer({ min: customers, max: customers + 10 }),
            ),
            behaviour: field(fc.integer({ min: 0, max: count - 1 }), fc.constant(count)),
            at: field(fc.integer({ min: 0, max: 1000 }), fc.constant(Number.NaN)),
            weight: weighted ? fc.integer({ min: -3, max: 5 }) : fc.constant(1),
          }),
          { maxLength: 3000, size: 'max' },
        ),
        parts: fc.integer({ min: 1, max: 8 }),
        at: fc.integer({ min: -10, max: 1200 }),
      });
    });
}

type Run = ReturnType<typeof runArbitrary> extends fc.Arbitrary<infer R> ? R : never;

/** The kernels' input for a run, over all its events. */
function inputOf(run: Run) {
  const columns = {
    customer: Uint32Array.from(run.events, (event) => event.customer),
    behaviour: run.wide
      ? Uint16Array.from(run.events, (event) => event.behaviour)
      : Uint8Array.from(run.events, (event) => event.behaviour),
    at: Float64Array.from(run.events, (event) => event.at),
    ...(run.weighted ? { weight: Float64Array.from(run.events, (event) => event.weight) } : {}),
  };
  return columnKernelInput(compileModel(run.model), columns, 0, run.events.length, run.at);
}

describe('customerRanges with the kernels', () => {
  it('cover every customer once, in order, each range non-empty and starting at a multiple of 8', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 64 }),
        (customers, parts) => {
          const ranges = customerRanges(customers, parts);
          expect(ranges.length).toBeLessThanOrEqual(parts);
          let next = 0;
          for (const { first, own } of ranges) {
            expect(first).toBe(next);
            expect(first % 8).toBe(0);
            expect(own).toBeGreaterThan(0);
            next = first + own;
          }
          expect(next).toBe(customers);
        },
      ),
    );
  });

  it('scored range by range, in either kernel, give bit for bit the accumulators of one pass', () => {
    fc.assert(
      fc.property(runArbitrary(false), (run) => {
        const input = inputOf(run);
        const pairs = 2 * compileModel(run.model).slotsPerCustomer;
        const whole = new Float64Array(pairs * run.customers);
        expect(accumulateColumns(...input, whole)).toBe(true);
        const javascript = new Float64Array(whole.length);
        const webAssembly = new Float64Array(whole.length);
        const cache = {};
        for (const { first, own } of customerRanges(run.customers, run.parts)) {
          const part = javascript.subarray(pairs * first, pairs * (first + own));
          expect(accumulateColumns(...input, part, first, run.customers)).toBe(true);
          const bytes = columnKernelBytes();
          const wasm = accumulateColumnsWasm(
            bytes,
            ...input,
            part.length,
            cache,
            first,
            run.customers,
          );
          expect(wasm).toBeInstanceOf(Float64Array);
          webAssembly.set(wasm as Float64Array, pairs * first);
        }
        expect(firstBitDifference(javascript, whole)).toBe(-1);
        expect(firstBitDifference(webAssembly, whole)).toBe(-1);
      }),
      { numRuns: 60 },
    );
  });

  it('reject, in every range and either kernel, exactly the inputs one pass rejects', () => {
    fc.assert(
      fc.property(runArbitrary(true), (run) => {
        const input = inputOf(run);
        const pairs = 2 * compileModel(run.model).slotsPerCustomer;
        const valid = accumulateColumns(...input, new Float64Array(pairs * run.customers));
        for (const { first, own } of customerRanges(run.customers, run.parts)) {
          const part = new Float64Array(pairs * own);
          expect(accumulateColumns(...input, part, first, run.customers)).toBe(valid);
          const wasm = accumulateColumnsWasm(
            columnKernelBytes(),
            ...input,
            part.length,
            undefined,
            first,
            run.customers,
          );
          expect(wasm !== false).toBe(valid);
        }
      }),
      { numRuns: 60 },
    );
  });
});
