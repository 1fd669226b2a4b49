/**
 * How large the numbers of a generated model or events are: `'realistic'` (the default) draws 0 or
 * a magnitude between a hundredth (a thousandth for weights) and the usual maximum, as real
 * configurations and orders hold; `'extreme'` draws any finite double, subnormals (5e-324) and
 * values near the largest (1.8e308) included, to test how a host handles underflow and overflow.
 *
 * @category Testing
 */
export type ArbitraryMagnitude = 'realistic' | 'extreme';
