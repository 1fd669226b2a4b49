/** The median of some numbers (the upper one of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median time of `runs` runs after one warm-up, in ms; `beforeEach` (e.g. a gc) runs untimed. */
export function time(run: () => unknown, runs: number, beforeEach?: () => void): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    beforeEach?.();
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}
