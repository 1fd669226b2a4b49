/**
 * Mulberry32 (Tommy Ettinger, public domain): a small, fast, seeded pseudo-random generator, so
 * that benchmarks and generated charts use the same data on every run. For the repository's
 * scripts only; the library itself takes randomness as a parameter and never makes any.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
