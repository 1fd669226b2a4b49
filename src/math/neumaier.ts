/**
 * Neumaier's compensated sum of `values[0..length)`: exact to within a few ulps of the true sum
 * whatever the order and the magnitudes, where a naive loop drifts with the number of terms.
 * See Neumaier (1974), "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher Summen".
 */
export function neumaierSum(values: ArrayLike<number>, length = values.length): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < length; i++) {
    const value = values[i]!;
    const next = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sum = next;
  }
  return sum + compensation;
}

/**
 * One step of Neumaier's sum kept in two arrays: adds `value` to `sums[slot]`, its rounding error
 * to `compensations[slot]`. The total is `sums[slot] + compensations[slot]`.
 */
export function addNeumaier(
  sums: Float64Array,
  compensations: Float64Array,
  slot: number,
  value: number,
): void {
  const sum = sums[slot]!;
  const next = sum + value;
  compensations[slot]! +=
    Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
  sums[slot] = next;
}

/**
 * One step of Neumaier's sum kept as a pair: adds `value` to `data[at]`, its rounding error to
 * `data[at + 1]`.
 */
export function addCompensated(data: Float64Array, at: number, value: number): void {
  const sum = data[at]!;
  const next = sum + value;
  data[at + 1]! += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
  data[at] = next;
}
