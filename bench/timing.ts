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

/**
 * Median times, in ms, of several runs timed in turns: each is run once to warm up, then `rounds`
 * rounds time each of them once, in the order given (`beforeEach`, e.g. a gc, untimed before
 * each). Runs compared with one another then share the same minutes of a machine whose speed
 * drifts (a shared VM's can move by a fifth from one minute to the next), rather than one
 * run's medians coming from a fast stretch and another's from a slow one.
 */
export function timeInTurns<Name extends string>(
  runs: Record<Name, () => unknown>,
  rounds: number,
  beforeEach?: () => void,
): Record<Name, number> {
  const names = Object.keys(runs) as Name[];
  for (const name of names) runs[name]();
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
    Name,
    number[]
  >;
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      beforeEach?.();
      const start = performance.now();
      runs[name]();
      times[name].push(performance.now() - start);
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(times[name])])) as Record<
    Name,
    number
  >;
}
