/**
 * Vitest setup: `FC_SEED=<integer>` runs every fast-check property with that seed, so that a
 * failure or a hang found with a random seed can be replayed (`FC_SEED=-2027960645 npx vitest run
 * test/rules-transitions.test-prop.ts`). Without it fast-check draws a fresh seed for each property.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== '') {
  if (!/^-?\d+$/.test(seed)) throw new Error(`FC_SEED must be an integer, not "${seed}"`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
}
