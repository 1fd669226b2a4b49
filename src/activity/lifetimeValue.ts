import * as z from 'zod';
import { parseWith } from '../errors/zodIssues.js';

const money = z
  .number({ error: 'must be a finite number' })
  .min(0, { error: 'must not be negative' });
const margin = z
  .number({ error: 'must be a finite number' })
  .min(0, { error: 'must be between 0 and 1' })
  .max(1, { error: 'must be between 0 and 1' })
  .optional();
const discountRate = z
  .number({ error: 'must be a finite number' })
  .min(0, { error: 'must not be negative' })
  .optional();

const optionsSchema = z.discriminatedUnion(
  'method',
  [
    z.strictObject({
      method: z.literal('simple'),
      averageOrderValue: money,
      purchaseFrequency: money,
      lifespan: money,
      margin,
      discountRate,
    }),
    z.strictObject({
      method: z.literal('churn'),
      arpu: money,
      churnRate: z
        .number({ error: 'must be a finite number' })
        .gt(0, {
          error: 'must be more than 0 (a customer base that never churns has no finite value)',
        })
        .max(1, { error: 'must be at most 1' }),
      margin,
      discountRate,
    }),
  ],
  { error: "needs method: 'simple' or 'churn'" },
);

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
 * @throws {@link EngagekitError} `INVALID_OPTION` naming the field for a missing or out-of-range
 * input (a churn rate of 0, a margin above 1, a negative amount).
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
  const parsed = parseWith(optionsSchema, options, {
    fn: 'lifetimeValue',
    code: 'INVALID_OPTION',
    path: ['options'],
  });
  const marginShare = parsed.margin ?? 1;
  const rate = parsed.discountRate ?? 0;
  if (parsed.method === 'churn') {
    return (parsed.arpu * marginShare * (1 + rate)) / (rate + parsed.churnRate);
  }
  const perPeriod = parsed.averageOrderValue * parsed.purchaseFrequency * marginShare;
  if (rate === 0) return perPeriod * parsed.lifespan;
  return (perPeriod * (1 - (1 + rate) ** -parsed.lifespan)) / (1 - 1 / (1 + rate));
}
