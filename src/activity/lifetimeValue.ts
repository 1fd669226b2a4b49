import { EngagekitError } from '../errors/EngagekitError.js';
import { issueList, type NumberRule } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import { product } from '../math/product.js';

const MONEY: NumberRule = { min: 0, expected: 'a finite number >= 0' };
const MARGIN: NumberRule = { min: 0, max: 1, expected: 'between 0 and 1' };
const DISCOUNT: NumberRule = { min: 0, expected: 'a finite rate >= 0 per period' };
const CHURN: NumberRule = {
  above: 0,
  max: 1,
  expected: 'more than 0 and at most 1 (a customer base that never churns has no finite value)',
};

/**
 * The annuity factor `sum over t < lifespan of (1 + d)^-t` in closed form,
 * `(1 - (1 + d)^-lifespan) / (1 - 1 / (1 + d))`, computed with `log1p` and `expm1` so that it
 * neither cancels (`d` of 1e-320 made it 0 / 0) nor overflows where it is finite: `lifespan` when
 * `d` is 0.
 */
function annuityFactor(lifespan: number, rate: number): number {
  if (rate === 0) return lifespan;
  const logGrowth = Math.log1p(rate);
  const exponent = lifespan * logGrowth;
  // x = lifespan log(1 + d): for x >= 1, 1 / d <= lifespan is finite.
  if (exponent >= 1) return -Math.expm1(-exponent) * (1 + 1 / rate);
  // Small x: (1 - e^-x) / x * lifespan * (log(1 + d) / d) * (1 + d), each factor of moderate size.
  const share = exponent === 0 ? 1 : -Math.expm1(-exponent) / exponent;
  return product([share, lifespan, logGrowth / rate, 1 + rate]);
}

/**
 * Options of {@link lifetimeValue}: the simple form (value x frequency x lifespan x margin) or the
 * churn-based form (ARPU x margin / churn). Rates and frequencies are per period (e.g. month).
 *
 * @category Survival
 */
export type LifetimeValueOptions =
  | {
      readonly method: 'simple';
      /** Average revenue of one purchase. */
      readonly averageOrderValue: number;
      /** Purchases per customer per period. */
      readonly purchaseFrequency: number;
      /** Expected customer lifespan, in periods. */
      readonly lifespan: number;
      /** Gross margin in [0, 1]; default 1 (revenue). */
      readonly margin?: number;
      /** Discount rate per period, >= 0; default 0. */
      readonly discountRate?: number;
    }
  | {
      readonly method: 'churn';
      /** Average revenue per user per period. */
      readonly arpu: number;
      /** Churn rate per period, in (0, 1]; see {@link churnRate}. */
      readonly churnRate: number;
      /** Gross margin in [0, 1]; default 1 (revenue). */
      readonly margin?: number;
      /** Discount rate per period, >= 0; default 0. */
      readonly discountRate?: number;
    };

/**
 * Customer lifetime value, in the simple or the churn-based form, optionally discounted.
 *
 * @remarks
 * Simple: the margin per period `m = averageOrderValue x purchaseFrequency x margin` over
 * `lifespan` periods, `m x lifespan`; with a discount rate `d` each period's margin is worth
 * `(1 + d)^-t`, received at the start of periods t = 0, 1, ...:
 * `m x (1 - (1 + d)^-lifespan) / (1 - 1 / (1 + d))`.
 *
 * Churn-based: a customer survives each period with probability `1 - c`, so the expected margin is
 * `sum over t of m (1 - c)^t / (1 + d)^t = m (1 + d) / (d + c)` with `m = arpu x margin`; without
 * discounting this is the familiar `ARPU x margin / churn` (expected lifespan `1 / c` periods).
 * See Gupta & Lehmann (2003), "Customers as assets", Journal of Interactive Marketing 17(1); their
 * `m r / (1 + d - r)` (with `r = 1 - c`) starts at the first renewal, this form also counts the
 * current period, so the two differ by exactly `m`.
 *
 * @param options - `method: 'simple'` with `averageOrderValue`, `purchaseFrequency`, `lifespan`,
 * or `method: 'churn'` with `arpu`, `churnRate`; both with optional `margin` and `discountRate`.
 * @returns The value per customer, in the currency of the inputs.
 * @throws {@link EngagekitError} `INVALID_OPTION` naming the field for a missing, unknown or
 * out-of-range input (a churn rate of 0, a margin above 1, a negative amount; every one listed in
 * `error.issues`); `OVERFLOW` at `options` when the value itself is beyond the largest number (1.8e308);
 * the value never is Infinity or NaN, also for extreme rates (a discount rate of 1e-320 or 1e308).
 *
 * @example
 * ```ts
 * import { lifetimeValue } from 'engagekit';
 *
 * lifetimeValue({ method: 'simple', averageOrderValue: 50, purchaseFrequency: 2, lifespan: 24, margin: 0.3 }); // => 720
 * lifetimeValue({ method: 'churn', arpu: 30, churnRate: 0.05, margin: 0.8 }); // => 480
 * Number(lifetimeValue({ method: 'churn', arpu: 30, churnRate: 0.05, margin: 0.8, discountRate: 0.01 }).toFixed(2)); // => 404
 * ```
 * @category Survival
 */
export function lifetimeValue(options: LifetimeValueOptions): number {
  const issues = issueList('lifetimeValue');
  const known = ['method', 'margin', 'discountRate'] as const;
  const any = readFields(issues, ['options'], options, {
    known: [...known, 'averageOrderValue', 'purchaseFrequency', 'lifespan', 'arpu', 'churnRate'],
    required: ['method'],
    strict: false,
  });
  if (any === undefined) issues.throwIfAny('INVALID_OPTION');
  const method = issues.oneOf(['options', 'method'], any!.method, ['simple', 'churn'] as const);
  issues.throwIfAny('INVALID_OPTION');
  const fields =
    method === 'simple'
      ? readFields(issues, ['options'], options, {
          known: [...known, 'averageOrderValue', 'purchaseFrequency', 'lifespan'],
        })
      : readFields(issues, ['options'], options, { known: [...known, 'arpu', 'churnRate'] });
  const read = (key: string, rule: NumberRule) =>
    issues.number(['options', key], (fields as Record<string, unknown>)[key], rule);
  const margin = any!.margin === undefined ? 1 : read('margin', MARGIN);
  const rate = any!.discountRate === undefined ? 0 : read('discountRate', DISCOUNT);
  let value: number | undefined;
  if (method === 'churn') {
    const arpu = read('arpu', MONEY);
    const churn = read('churnRate', CHURN);
    issues.throwIfAny('INVALID_OPTION');
    // m (1 + d) / (d + c), as one product so that no partial result overflows on its own.
    value = product([arpu!, margin!, 1 + rate!], [rate! + churn!]);
  } else {
    const averageOrderValue = read('averageOrderValue', MONEY);
    const purchaseFrequency = read('purchaseFrequency', MONEY);
    const lifespan = read('lifespan', MONEY);
    issues.throwIfAny('INVALID_OPTION');
    value = product([
      averageOrderValue!,
      purchaseFrequency!,
      margin!,
      annuityFactor(lifespan!, rate!),
    ]);
  }
  if (!Number.isFinite(value)) {
    throw new EngagekitError(
      'OVERFLOW',
      'lifetimeValue: the lifetime value is larger than a number can hold (1.8e308); give the amounts in a larger currency unit',
      ['options'],
    );
  }
  return value;
}
