/**
 * Vitest setup for every fast-check property:
 * - `FC_SEED=<integer>` runs every property with that seed, so that a failure found with a random
 *   seed can be replayed (`FC_SEED=-2027960645 npx vitest run test/rules-transitions.test-prop.ts`).
 *   Without it fast-check draws a fresh seed for each property.
 * - A property stops after 90 s and fails (`interruptAfterTimeLimit`, `markInterruptAsFailure`): a
 *   counterexample whose every run is slow would otherwise be shrunk for hours and hold the whole
 *   suite (a run of transitions.test-prop.ts did, seed -699441332); the failure is reported with
 *   its seed and the smallest counterexample found by then. `FC_TIME_LIMIT=<ms>` changes the limit.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== '' && !/^-?\d+$/.test(seed)) {
  throw new Error(`FC_SEED must be an integer, not "${seed}"`);
}
const limit = Number(process.env.FC_TIME_LIMIT ?? 90_000);
if (!(limit > 0)) throw new Error(`FC_TIME_LIMIT must be a positive number of milliseconds`);
fc.configureGlobal({
  ...fc.readConfigureGlobal(),
  ...(seed === undefined || seed === '' ? {} : { seed: Number(seed) }),
  // the plugin form (`fc.interruptAfterTimeLimit`) cannot be set globally in fast-check 4.10
  interruptAfterTimeLimit: limit,
  markInterruptAsFailure: true,
});
